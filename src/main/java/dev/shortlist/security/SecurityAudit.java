package dev.shortlist.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records security events — failed authentication, refusals by rate limit or quota, admin
 * actions, prompt-injection flags — in the audit table and as the metric
 * {@code shortlist_security_events_total{kind}}. Written after the fact: a request never
 * waits for its audit row, and never fails because auditing did. At most
 * {@value #MAX_PENDING_WRITES} rows are being written at once: a key hammering past its
 * rate limit, or a spray of bad keys, must not turn each refusal into an INSERT that
 * crowds out the jobs' own queries. Events beyond that are counted (in the metric and in
 * {@code shortlist_audit_events_dropped_total}) but get no row.
 */
@ApplicationScoped
public class SecurityAudit {

    public static final String AUTH_FAILED = "auth_failed";
    public static final String FORBIDDEN = "forbidden";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String QUOTA_EXCEEDED = "quota_exceeded";
    public static final String KEY_CREATED = "key_created";
    public static final String KEY_REVOKED = "key_revoked";
    public static final String PROMPT_INJECTION = "prompt_injection";
    public static final String CANDIDATE_ERASED = "candidate_erased";
    public static final String CANDIDATE_REVEALED = "candidate_revealed";
    public static final String KEY_SCREENING_CHANGED = "key_screening_changed";
    public static final String KEY_ROTATED = "key_rotated";
    public static final String KEY_LIMITS_CHANGED = "key_limits_changed";

    private static final String INSERT = "INSERT INTO audit_events (kind, owner, client_ip, detail) VALUES ($1, $2, $3, $4::text::jsonb)";

    static final int MAX_PENDING_WRITES = 64;

    private final Pool pool;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final AtomicInteger pendingWrites = new AtomicInteger();

    SecurityAudit(Pool pool, ObjectMapper json, MeterRegistry registry) {
        this.pool = pool;
        this.json = json;
        this.registry = registry;
    }

    /**
     * Records one event that must not go unrecorded: the answer waits for the row, and fails
     * when it cannot be written (what it audits must then not happen). Never dropped under load.
     */
    public Uni<Void> recordNow(String kind, String owner, String clientIp, Map<String, ?> detail) {
        registry.counter("shortlist_security_events", "kind", kind).increment();
        return pool.preparedQuery(INSERT).execute(Tuple.of(kind, owner, clientIp, encoded(detail))).replaceWithVoid();
    }

    private String encoded(Map<String, ?> detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (Exception e) {
            return "{}";
        }
    }

    /** Records one event; {@code detail} holds no secret (never a key, never resume text). */
    public void record(String kind, String owner, String clientIp, Map<String, ?> detail) {
        registry.counter("shortlist_security_events", "kind", kind).increment();
        String detailJson = encoded(detail);
        if (pendingWrites.incrementAndGet() > MAX_PENDING_WRITES) {
            pendingWrites.decrementAndGet();
            registry.counter("shortlist_audit_events_dropped", "kind", kind).increment();
            return;
        }
        pool.preparedQuery(INSERT).execute(Tuple.of(kind, owner, clientIp, detailJson))
                .eventually(pendingWrites::decrementAndGet)
                .subscribe().with(
                        ignored -> { },
                        failure -> {
                            registry.counter("shortlist_audit_events_dropped", "kind", kind).increment();
                            Log.warnf("Could not write a %s audit event: %s", kind, failure.getMessage());
                        });
    }
}
