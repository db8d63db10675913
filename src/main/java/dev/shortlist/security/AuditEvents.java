package dev.shortlist.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads the audit table for admins: newest first, in pages, optionally one kind. */
@ApplicationScoped
public class AuditEvents {

    /** One recorded event. */
    @RegisterForReflection
    public record Event(long id, Instant at, String kind, String owner, String clientIp, Map<String, Object> detail) {
    }

    private final AuditEventRepository repository;

    AuditEvents(AuditEventRepository repository) {
        this.repository = repository;
    }

    /** Up to {@code limit} events older than the one with id {@code before} (all when null). */
    public Uni<List<Event>> page(String kind, Long before, int limit) {
        return repository.page(kind, before, limit).map(rows -> rows.stream().map(AuditEventEntity::toEvent).toList());
    }
}
