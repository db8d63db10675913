package dev.shortlist.notifications;

import dev.shortlist.jobs.BatchEnd;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** Takes due emails for one lease: if this replica dies mid-send, they fall due again when it runs out. */
    private static final String CLAIM = """
            UPDATE batch_emails e SET next_attempt_at = $1 + $2::float8 * interval '1 second', attempts = e.attempts + 1
            FROM batches b
            WHERE e.id IN (SELECT id FROM batch_emails
                           WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $1
                           ORDER BY next_attempt_at LIMIT $3
                           FOR UPDATE SKIP LOCKED)
              AND b.id = e.batch_id
            RETURNING e.id, e.batch_id, b.owner, e.recipient, e.attempts
            """;

    /** Guarded by {@code sent_at IS NULL}: only the attempt that holds the email records it. */
    private static final String SENT = "UPDATE batch_emails SET sent_at = $2, last_error = NULL WHERE id = $1 AND sent_at IS NULL";

    /** Due again after the backoff, or given up: at once when the server refused the address for good, else once the retry window has passed. */
    private static final String FAILED = """
            UPDATE batch_emails SET next_attempt_at = $2, last_error = $3,
                   gave_up_at = CASE WHEN $4 OR created_at < $5 THEN $6 END
            WHERE id = $1 AND sent_at IS NULL
            RETURNING gave_up_at IS NOT NULL AS gave_up
            """;

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

    /**
     * One address's email as its batch's owner sees it.
     *
     * @param status waiting (the batch runs), pending (due or retrying), sent, or failed (given up)
     */
    public record EmailState(String recipient, String status, int attempts, Instant sentAt, Instant nextAttemptAt,
            String lastError) {
    }

    private final Pool pool;

    BatchEmailOutbox(Pool pool) {
        this.pool = pool;
    }

    /** Queues the emails of batches that completed since the last look; answers how many emails. */
    Uni<Integer> queueCompleted(OffsetDateTime now) {
        return pool.preparedQuery(QUEUE_COMPLETED).execute(Tuple.of(now)).map(rows -> rows.rowCount());
    }

    Uni<List<Due>> claim(OffsetDateTime now, long leaseSeconds, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(now, leaseSeconds, limit)).map(rows -> {
            List<Due> due = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> due.add(new Due(row.getUUID("id"), row.getUUID("batch_id"), row.getString("owner"),
                    row.getString("recipient"), row.getInteger("attempts"))));
            return due;
        });
    }

    Uni<Void> sent(UUID id, OffsetDateTime now) {
        return pool.preparedQuery(SENT).execute(Tuple.of(id, now)).replaceWithVoid();
    }

    /** Records a failed attempt; answers whether the email is now given up. */
    Uni<Boolean> failed(UUID id, String error, boolean permanent, OffsetDateTime now, OffsetDateTime retryAt,
            OffsetDateTime retryWindowStart) {
        return pool.preparedQuery(FAILED).execute(Tuple.from(List.of(id, retryAt, error, permanent, retryWindowStart, now)))
                .map(rows -> rows.rowCount() == 1 && rows.iterator().next().getBoolean("gave_up"));
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
