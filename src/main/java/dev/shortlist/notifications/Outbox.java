package dev.shortlist.notifications;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one outbox design every notification shares (webhook events, batch emails): a row per
 * message owed, claimed for one lease with SKIP LOCKED so replicas share the work and the
 * claims of a replica that died fall due again when the lease runs out, marked done only
 * while no attempt has done it yet, and otherwise due again after a backoff until its retry
 * window has passed (or given up at once when the receiver refused it for good).
 *
 * @param <T> one claimed message, as the sender needs it
 */
final class Outbox<T> {

    /**
     * How one outbox table is named and joined.
     *
     * @param table the outbox table: {@code id}, {@code attempts}, {@code next_attempt_at},
     *        {@code gave_up_at}, {@code last_error}, {@code created_at} and a done column
     * @param doneColumn when the message was delivered
     * @param claimFrom what a claim reads beside the message ({@code batches b})
     * @param claimJoin how it joins the message {@code o} ({@code b.id = o.batch_id})
     * @param claimReturning the claimed message's columns
     */
    record Table(String table, String doneColumn, String claimFrom, String claimJoin, String claimReturning) {
    }

    /** When and how long a message is tried. */
    record Retries(Duration lease, Backoff backoff, Duration retryFor) {
    }

    private final Pool pool;
    private final Clock clock;
    private final Retries retries;
    private final Function<Row, T> claimed;
    private final String claim;
    private final String done;
    private final String failed;

    Outbox(Pool pool, Clock clock, Table table, Retries retries, Function<Row, T> claimed) {
        this.pool = pool;
        this.clock = clock;
        this.retries = retries;
        this.claimed = claimed;
        this.claim = """
                UPDATE %1$s o SET next_attempt_at = $1 + $2::float8 * interval '1 second', attempts = o.attempts + 1
                FROM %3$s
                WHERE o.id IN (SELECT id FROM %1$s
                               WHERE %2$s IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $1
                               ORDER BY next_attempt_at LIMIT $3
                               FOR UPDATE SKIP LOCKED)
                  AND %4$s
                RETURNING %5$s
                """.formatted(table.table(), table.doneColumn(), table.claimFrom(), table.claimJoin(), table.claimReturning());
        this.done = "UPDATE %1$s SET %2$s = $2, last_error = NULL WHERE id = $1 AND %2$s IS NULL"
                .formatted(table.table(), table.doneColumn());
        this.failed = """
                UPDATE %1$s SET next_attempt_at = $2, last_error = $3,
                       gave_up_at = CASE WHEN $4 OR created_at < $5 THEN $6 END
                WHERE id = $1 AND %2$s IS NULL
                RETURNING gave_up_at IS NOT NULL AS gave_up
                """.formatted(table.table(), table.doneColumn());
    }

    /** Takes up to {@code limit} due messages for one lease. */
    Uni<List<T>> claim(int limit) {
        return pool.preparedQuery(claim).execute(Tuple.of(now(), retries.lease().toSeconds(), limit)).map(rows -> {
            List<T> due = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> due.add(claimed.apply(row)));
            return due;
        });
    }

    /** Records the message delivered; a later attempt of it, if any, records nothing. */
    Uni<Void> done(UUID id) {
        return pool.preparedQuery(done).execute(Tuple.of(id, now())).replaceWithVoid();
    }

    /**
     * Records a failed attempt: due again after the backoff, or given up when {@code permanent}
     * or once the retry window has passed. Answers whether the message is now given up.
     */
    Uni<Boolean> failed(UUID id, int attempt, String error, boolean permanent) {
        OffsetDateTime now = now();
        return pool.preparedQuery(failed)
                .execute(Tuple.from(List.of(id, now.plus(retries.backoff().after(attempt)), error, permanent,
                        now.minus(retries.retryFor()), now)))
                .map(rows -> rows.rowCount() == 1 && rows.iterator().next().getBoolean("gave_up"));
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
