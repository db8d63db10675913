package dev.shortlist.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.observability.SecurityMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The security audit trail: failed authentication, rate-limit and quota refusals, admin
 * actions, prompt-injection flags. Recording never blocks nor fails the request that
 * records: rows are written in the background, and beyond a bound of pending writes (a
 * flood of refusals must not become a flood of inserts) events are only counted.
 */
@ApplicationScoped
public class SecurityAudit {

    public static final String AUTHENTICATION_FAILED = "authentication-failed";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String QUOTA_EXCEEDED = "quota-exceeded";
    public static final String KEY_CREATED = "key-created";
    public static final String KEY_REVOKED = "key-revoked";
    public static final String PROMPT_INJECTION = "prompt-injection";

    private static final int MAX_PENDING_WRITES = 64;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private static final String INSERT = """
            INSERT INTO audit_events (id, at, kind, owner, client_ip, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
            """;
    private static final String PAGE = """
            SELECT * FROM audit_events
            WHERE ($1::text IS NULL OR kind = $1)
              AND ($2::timestamptz IS NULL OR (at, id) < ($2, $3::uuid))
            ORDER BY at DESC, id DESC
            LIMIT $4
            """;

    private final Pool pool;
    private final ObjectMapper json;
    private final SecurityMetrics metrics;
    private final Clock clock;
    private final AtomicInteger pending = new AtomicInteger();

    SecurityAudit(Pool pool, ObjectMapper json, SecurityMetrics metrics, Clock clock) {
        this.pool = pool;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Records an event about {@code owner} (may be null), e.g. {@code record(PROMPT_INJECTION, owner, Map.of("jobId", id))}. */
    public void record(String kind, String owner, Map<String, ?> detail) {
        record(kind, owner, null, detail);
    }

    /** Records an event seen from {@code clientIp}. */
    public void record(String kind, String owner, String clientIp, Map<String, ?> detail) {
        metrics.event(kind);
        if (pending.incrementAndGet() > MAX_PENDING_WRITES) {
            pending.decrementAndGet();
            metrics.auditDropped();
            return;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Uni.createFrom().deferred(() -> pool.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(
                        UUID.randomUUID(), at.atOffset(ZoneOffset.UTC), kind, owner, clientIp, toJson(detail)))))
                .eventually(pending::decrementAndGet)
                .subscribe().with(ignored -> { }, failure -> {
                    metrics.auditDropped();
                    Log.warnf("Audit event %s not recorded: %s", kind, failure.getMessage());
                });
    }

    /** A page of events, newest first, optionally of one kind only. */
    public Uni<List<AuditEvent>> page(String kind, AuditCursor after, int size) {
        return pool.preparedQuery(PAGE).execute(Tuple.from(Arrays.asList(kind,
                        after == null ? null : after.at().atOffset(ZoneOffset.UTC), after == null ? null : after.id(), size)))
                .map(rows -> {
                    List<AuditEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(toEvent(row)));
                    return events;
                });
    }

    /** The cursor of the page after this one, or null when it was the last. */
    public static String nextCursor(List<AuditEvent> page, int size) {
        return page.size() < size ? null : AuditCursor.after(page.get(page.size() - 1)).encode();
    }

    private JsonObject toJson(Map<String, ?> detail) {
        return detail == null ? new JsonObject() : new JsonObject(json.convertValue(detail, MAP));
    }

    private static AuditEvent toEvent(Row row) {
        JsonObject detail = row.getJsonObject("detail");
        return new AuditEvent(row.getUUID("id"), row.getOffsetDateTime("at").toInstant(), row.getString("kind"),
                row.getString("owner"), row.getString("client_ip"), detail == null ? Map.of() : detail.getMap());
    }
}
