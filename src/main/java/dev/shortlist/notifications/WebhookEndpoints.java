package dev.shortlist.notifications;

import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.security.Caller;
import dev.shortlist.security.SsrfGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The webhook endpoints each key registers, and their delivery logs. */
@ApplicationScoped
public class WebhookEndpoints {

    public static final List<String> EVENTS = List.of("job.succeeded", "job.failed", "batch.completed");

    private static final String INSERT = """
            INSERT INTO webhook_endpoints (id, owner, url, secret, events, batch_id, job_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING *
            """;
    private static final String LIST = "SELECT * FROM webhook_endpoints WHERE owner = $1 ORDER BY created_at, id";
    private static final String DELETE = "DELETE FROM webhook_endpoints WHERE id = $1 AND owner = $2";
    private static final String DELIVERIES = """
            SELECT d.*, o.event FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.outbox_id
            JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.endpoint_id = $1 AND e.owner = $2 AND ($3::bigint IS NULL OR d.id < $3)
            ORDER BY d.id DESC LIMIT $4
            """;
    private static final String OWNED = "SELECT 1 FROM webhook_endpoints WHERE id = $1 AND owner = $2";

    /** An endpoint as its owner sees it; the secret only in the answer to its creation. */
    public record Endpoint(UUID id, String url, List<String> events, UUID batchId, UUID jobId, Instant createdAt,
            String secret) {
    }

    /** One attempt to deliver one event. */
    public record Delivery(long id, UUID eventId, String event, Instant at, int attempt, Integer statusCode, String error,
            int durationMs) {
    }

    private final Pool pool;
    private final SsrfGuard guard;

    WebhookEndpoints(Pool pool, WebhooksConfig config) {
        this.pool = pool;
        this.guard = new SsrfGuard(config.allowedHosts().orElse(List.of()), config.allowHttp());
    }

    /** Registers an endpoint after checking, on a worker thread, where its URL leads. */
    public Uni<Endpoint> register(Caller caller, String url, List<String> events, UUID batchId, UUID jobId) {
        List<String> chosen = events == null || events.isEmpty() ? EVENTS : List.copyOf(events);
        for (String event : chosen) {
            if (!EVENTS.contains(event)) {
                throw new InvalidInputException("events", "must each be one of " + String.join(", ", EVENTS));
            }
        }
        String secret = WebhookSignature.newSecret();
        return checked(url)
                .chain(() -> pool.preparedQuery(INSERT).execute(Tuple.from(List.of(UUID.randomUUID(), caller.owner(), url,
                        secret, chosen.toArray(String[]::new))).addValue(batchId).addValue(jobId)))
                .map(rows -> endpoint(rows.iterator().next(), true));
    }

    /** Refuses, before any row is written, a URL that leads into the service's own network. */
    public Uni<Void> checked(String url) {
        return Uni.createFrom().<Void>item(() -> {
            try {
                guard.check(url);
                return null;
            } catch (SsrfGuard.Refused refused) {
                throw new InvalidInputException("url", refused.getMessage());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Uni<List<Endpoint>> list(Caller caller) {
        return pool.preparedQuery(LIST).execute(Tuple.of(caller.owner())).map(rows -> {
            List<Endpoint> all = new ArrayList<>();
            rows.forEach(row -> all.add(endpoint(row, false)));
            return all;
        });
    }

    /** Deletes the endpoint with its undelivered events and its log; false when the caller has none by that id. */
    public Uni<Boolean> delete(Caller caller, UUID id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(id, caller.owner())).map(rows -> rows.rowCount() == 1);
    }

    /** The endpoint's attempts, newest first; empty when the caller has no endpoint by that id. */
    public Uni<Optional<List<Delivery>>> deliveries(Caller caller, UUID id, Long before, int limit) {
        return pool.preparedQuery(OWNED).execute(Tuple.of(id, caller.owner())).chain(owned -> owned.rowCount() == 0
                ? Uni.createFrom().item(Optional.<List<Delivery>>empty())
                : pool.preparedQuery(DELIVERIES).execute(Tuple.of(id, caller.owner(), before, limit)).map(rows -> {
                    List<Delivery> page = new ArrayList<>();
                    rows.forEach(row -> page.add(new Delivery(row.getLong("id"), row.getUUID("outbox_id"),
                            row.getString("event"), row.getOffsetDateTime("at").toInstant(), row.getInteger("attempt"),
                            row.getInteger("status_code"), row.getString("error"), row.getInteger("duration_ms"))));
                    return Optional.of(page);
                }));
    }

    private static Endpoint endpoint(Row row, boolean withSecret) {
        return new Endpoint(row.getUUID("id"), row.getString("url"), List.of(row.getArrayOfStrings("events")),
                row.getUUID("batch_id"), row.getUUID("job_id"),
                row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                withSecret ? row.getString("secret") : null);
    }
}
