package dev.shortlist.security;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads of the {@code audit_events} table, newest first (served by the index audit_events_by_kind). */
@ApplicationScoped
@WithSession
class AuditEventRepository implements PanacheRepositoryBase<AuditEventEntity, Long> {

    /** Up to {@code limit} events of {@code kind} (all kinds when null) older than {@code before} (all when null). */
    Uni<List<AuditEventEntity>> page(String kind, Long before, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (kind != null) {
            where.add("kind = :kind");
            parameters.and("kind", kind);
        }
        if (before != null) {
            where.add("id < :before");
            parameters.and("before", before);
        }
        return find(String.join(" and ", where), Sort.descending("id"), parameters).range(0, limit - 1).list();
    }
}
