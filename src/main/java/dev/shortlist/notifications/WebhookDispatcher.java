package dev.shortlist.notifications;

import dev.shortlist.jobs.BatchEnd;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Delivers webhook events from the outbox, at least once. Each poll first turns batches
 * that just finished into {@code batch.completed} events, then claims due events with
 * SKIP LOCKED and a lease (so replicas share the work, and an event whose replica died is
 * delivered again), POSTs them signed, and records every attempt. A failed delivery is
 * retried with exponential backoff and jitter until the retry window (24 h) has passed.
 */
@ApplicationScoped
public class WebhookDispatcher {

    /** Batches of owners with a batch.completed endpoint created before the batch, now without unfinished jobs or stages. */
    private static final String ANNOUNCE_COMPLETED_BATCHES = """
            WITH done AS (
                UPDATE batches b SET completion_announced_at = $1
                WHERE b.id IN (
                    SELECT b2.id FROM webhook_endpoints e
                    JOIN batches b2 ON b2.owner = e.owner AND b2.created_at >= e.created_at
                         AND (e.batch_id IS NULL OR e.batch_id = b2.id)
                    WHERE 'batch.completed' = ANY (e.events) AND b2.completion_announced_at IS NULL
                      AND %s
                    LIMIT 100
                    FOR UPDATE OF b2 SKIP LOCKED)
                RETURNING b.id, b.owner, b.total, b.created_at)
            INSERT INTO webhook_outbox (endpoint_id, event, payload)
            SELECT e.id, 'batch.completed', jsonb_build_object(
                'type', 'batch.completed',
                'timestamp', to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'data', jsonb_build_object('batchId', d.id, 'total', d.total,
                    'succeeded', (SELECT count(*) FROM jobs j WHERE j.batch_id = d.id AND j.status = 'succeeded'),
                    'failed', (SELECT count(*) FROM jobs j WHERE j.batch_id = d.id AND j.status = 'failed'),
                    'cancelled', (SELECT count(*) FROM jobs j WHERE j.batch_id = d.id AND j.status = 'cancelled')))
            FROM done d JOIN webhook_endpoints e ON e.owner = d.owner AND 'batch.completed' = ANY (e.events)
                 AND e.created_at <= d.created_at AND (e.batch_id IS NULL OR e.batch_id = d.id)
            """.formatted(BatchEnd.ended("b2"));
    private static final Outbox.Table EVENTS = new Outbox.Table("webhook_outbox", "delivered_at", "webhook_endpoints e",
            "e.id = o.endpoint_id",
            "o.id, o.event, o.payload::text AS payload, o.attempts, o.created_at, e.id AS endpoint_id, e.url, e.secret");
    private static final String LOG = """
            INSERT INTO webhook_deliveries (outbox_id, endpoint_id, attempt, status_code, error, duration_ms)
            VALUES ($1, $2, $3, $4, $5, $6)
            """;

    private record Due(UUID id, String event, String payload, int attempt, OffsetDateTime createdAt, UUID endpointId,
            String url, String secret) {
    }

    private record Outcome(Integer statusCode, String error) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final Pool pool;
    private final WebhooksConfig config;
    private final WebhookEndpoints endpoints;
    private final Clock clock;
    private final MeterRegistry registry;
    private final WebClient client;
    private final Outbox<Due> outbox;

    WebhookDispatcher(Pool pool, WebhooksConfig config, WebhookEndpoints endpoints, Clock clock, MeterRegistry registry,
            Vertx vertx) {
        this.pool = pool;
        this.config = config;
        this.endpoints = endpoints;
        this.clock = clock;
        this.registry = registry;
        this.outbox = new Outbox<>(pool, clock, EVENTS, new Outbox.Retries(config.timeout().multipliedBy(3),
                new Backoff(config.initialDelay(), config.maxDelay()), config.retryFor()), WebhookDispatcher::due);
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("Shortlist-Webhooks/1")
                .setConnectTimeout((int) config.timeout().toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Scheduled(identity = "webhook-delivery", every = "${shortlist.webhooks.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return deliverDue().onFailure().invoke(failure -> Log.warnf("Webhook delivery poll failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: announce finished batches, then deliver what is due. Answers how many were delivered. */
    public Uni<Integer> deliverDue() {
        return pool.preparedQuery(ANNOUNCE_COMPLETED_BATCHES).execute(Tuple.of(outbox.now()))
                .chain(() -> outbox.claim(config.batchSize()))
                .chain(due -> {
                    List<Uni<Boolean>> deliveries = due.stream().map(this::deliver).toList();
                    return deliveries.isEmpty() ? Uni.createFrom().item(0)
                            : Uni.join().all(deliveries).andCollectFailures()
                                    .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
                });
    }

    private Uni<Boolean> deliver(Due due) {
        long started = System.nanoTime();
        long timestamp = clock.instant().getEpochSecond();
        return endpoints.checked(due.url())
                .chain(() -> post(due, timestamp))
                .onFailure().recoverWithItem(failure -> new Outcome(null, DeliveryError.of(failure)))
                .chain(outcome -> record(due, outcome, (int) ((System.nanoTime() - started) / 1_000_000)));
    }

    private Uni<Outcome> post(Due due, long timestamp) {
        URI uri = URI.create(due.url());
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.POST, uri.toString())
                .timeout(config.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", due.id().toString())
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", WebhookSignature.sign(due.secret(), due.id().toString(), timestamp, due.payload()));
        return request.sendBuffer(Buffer.buffer(due.payload()))
                .map(response -> new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null
                        : "the receiver answered " + response.statusCode()));
    }

    private Uni<Boolean> record(Due due, Outcome outcome, int durationMs) {
        registry.counter("shortlist_webhook_deliveries", "event", due.event(),
                "outcome", outcome.delivered() ? "delivered" : "failed").increment();
        // A receiver's refusal may be an outage of its own: every failure is retried until the window passes.
        Uni<?> state = outcome.delivered() ? outbox.done(due.id())
                : outbox.failed(due.id(), due.attempt(), outcome.error(), false);
        return state.chain(() -> pool.preparedQuery(LOG).execute(Tuple.from(List.of(due.id(), due.endpointId(), due.attempt()))
                        .addValue(outcome.statusCode()).addValue(outcome.error()).addValue(durationMs)))
                .replaceWith(outcome.delivered());
    }


    private static Due due(Row row) {
        return new Due(row.getUUID("id"), row.getString("event"), row.getString("payload"), row.getInteger("attempts"),
                row.getOffsetDateTime("created_at"), row.getUUID("endpoint_id"), row.getString("url"), row.getString("secret"));
    }
}
