package dev.shortlist.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the audit table for admins: newest first, in pages, optionally one kind. */
@ApplicationScoped
public class AuditEvents {

    /** One recorded event. */
    @RegisterForReflection
    public record Event(long id, Instant at, String kind, String owner, String clientIp, Map<String, Object> detail) {
    }

    private static final String PAGE = """
            SELECT id, at, kind, owner, client_ip, detail FROM audit_events
            WHERE ($1::text IS NULL OR kind = $1) AND ($2::bigint IS NULL OR id < $2)
            ORDER BY id DESC LIMIT $3
            """;

    private final Pool pool;

    AuditEvents(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} events older than the one with id {@code before} (all when null). */
    public Uni<List<Event>> page(String kind, Long before, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(kind, before, limit)).map(rows -> {
            List<Event> events = new ArrayList<>();
            for (Row row : rows) {
                Object detail = row.getValue("detail");
                Map<String, Object> map = detail instanceof JsonObject object ? object.getMap() : Map.of();
                events.add(new Event(row.getLong("id"), row.getOffsetDateTime("at").toInstant(), row.getString("kind"),
                        row.getString("owner"), row.getString("client_ip"), map));
            }
            return events;
        });
    }
}
