package dev.shortlist.notifications;

import dev.shortlist.jobs.BatchEnd;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code batch_emails} outbox: which completion emails are owed, due, sent or given up. */
@ApplicationScoped
public class BatchEmailOutbox {

    /**
     * Batches that asked for email and have no unfinished child left: marked queued and
     * given one outbox row per address in one statement, so a batch is queued exactly once
     * and its emails exist as soon as the mark does. SKIP LOCKED lets replicas share it.
     */
    private static final String QUEUE_COMPLETED = """
            WITH done AS (
                UPDATE batches b SET email_queued_at = $1
                WHERE b.id IN (
                    SELECT p.id FROM batches p
                    WHERE p.notify_email IS NOT NULL AND p.email_queued_at IS NULL
                      AND %s
                    ORDER BY p.created_at
                    LIMIT 100
                    FOR UPDATE SKIP LOCKED)
                RETURNING b.id, b.notify_email)
            INSERT INTO batch_emails (batch_id, recipient, created_at, next_attempt_at)
            SELECT d.id, r.recipient, $1, $1 FROM done d CROSS JOIN LATERAL unnest(d.notify_email) AS r(recipient)
            ON CONFLICT ON CONSTRAINT one_email_per_recipient DO NOTHING
            """.formatted(BatchEnd.ended("p"));

    /** Every address the batch asked for, in the caller's order, with its email's state once queued. */
    private static final String OF_BATCH = """
            SELECT r.recipient, e.attempts, e.sent_at, e.gave_up_at, e.last_error, e.next_attempt_at
            FROM batches b CROSS JOIN LATERAL unnest(b.notify_email) WITH ORDINALITY AS r(recipient, n)
            LEFT JOIN batch_emails e ON e.batch_id = b.id AND e.recipient = r.recipient
            WHERE b.id = $1 AND b.owner = $2
            ORDER BY r.n
            """;

    /** One email to send now. */
    record Due(UUID id, UUID batchId, String owner, String recipient, int attempt) {
    }

    private static final Outbox.Table EMAILS = new Outbox.Table("batch_emails", "sent_at", "batches b", "b.id = o.batch_id",
            "o.id, o.batch_id, b.owner, o.recipient, o.attempts");

    /**
     * One address's email as its batch's owner sees it.
     *
     * @param status waiting (the batch runs), pending (due or retrying), sent, or failed (given up)
     */
    public record EmailState(String recipient, String status, int attempts, Instant sentAt, Instant nextAttemptAt,
            String lastError) {
    }

    private final Pool pool;
    private final Outbox<Due> emails;

    BatchEmailOutbox(Pool pool, Clock clock, BatchEmailConfig config) {
        this.pool = pool;
        this.emails = new Outbox<>(pool, clock, EMAILS,
                new Outbox.Retries(config.timeout().multipliedBy(2), new Backoff(config.initialDelay(), config.maxDelay()),
                        config.retryFor()),
                row -> new Due(row.getUUID("id"), row.getUUID("batch_id"), row.getString("owner"), row.getString("recipient"),
                        row.getInteger("attempts")));
    }

    /** Queues the emails of batches that completed since the last look, then claims the due ones. */
    Uni<List<Due>> queueCompletedAndClaim(int limit) {
        return pool.preparedQuery(QUEUE_COMPLETED).execute(Tuple.of(emails.now())).chain(() -> emails.claim(limit));
    }

    Uni<Void> sent(Due email) {
        return emails.done(email.id());
    }

    /** Records a failed attempt; answers whether the email is now given up. */
    Uni<Boolean> failed(Due email, String error, boolean permanent) {
        return emails.failed(email.id(), email.attempt(), error, permanent);
    }


    /** The batch's addresses and their emails; empty when it asked for none (or is not the owner's). */
    public Uni<List<EmailState>> ofBatch(UUID batchId, String owner) {
        return pool.preparedQuery(OF_BATCH).execute(Tuple.of(batchId, owner)).map(rows -> {
            List<EmailState> states = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> states.add(state(row)));
            return states;
        });
    }

    private static EmailState state(Row row) {
        Integer attempts = row.getInteger("attempts");
        OffsetDateTime sentAt = row.getOffsetDateTime("sent_at");
        OffsetDateTime next = row.getOffsetDateTime("next_attempt_at");
        String status = attempts == null ? "waiting"
                : sentAt != null ? "sent" : row.getOffsetDateTime("gave_up_at") != null ? "failed" : "pending";
        return new EmailState(row.getString("recipient"), status, attempts == null ? 0 : attempts,
                sentAt == null ? null : sentAt.toInstant(),
                "pending".equals(status) && next != null ? next.toInstant() : null, row.getString("last_error"));
    }
}
