package dev.shortlist.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Failed jobs of every owner, for operators: the listing, and the replay that re-queues them. */
@ApplicationScoped
public class DeadLetterRepository {

    /** $1 code, $2 type, $3 owner, $4 since, $5 until: the filter every statement below shares. */
    static final String MATCHES = """
            j.status = 'failed'
              AND ($1::text IS NULL OR j.error->>'code' = $1)
              AND ($2::text IS NULL OR j.type = $2)
              AND ($3::text IS NULL OR j.owner = $3)
              AND ($4::timestamptz IS NULL OR j.finished_at >= $4)
              AND ($5::timestamptz IS NULL OR j.finished_at < $5)
            """;

    /** How often the job's input failed with the job's error code: each failed job once, plus once per replay of it. */
    static final String FAILURES_OF_INPUT = """
            (SELECT coalesce(sum(1 + f.replays), 0) FROM jobs f
             WHERE f.status = 'failed' AND f.input_hash = j.input_hash AND f.error->>'code' = j.error->>'code')
            """;

    private static final String LIST = "SELECT j.*, " + FAILURES_OF_INPUT + " AS failures_of_input FROM jobs j WHERE " + MATCHES + """
              AND ($6::timestamptz IS NULL OR (j.finished_at, j.id) < ($6, $7::uuid))
            ORDER BY j.finished_at DESC, j.id DESC
            LIMIT $8
            """;

    private static final String COUNT = "SELECT count(*) AS matched,"
            + " count(*) FILTER (WHERE j.quarantined_at IS NULL AND " + FAILURES_OF_INPUT + " < $6) AS replayable"
            + " FROM jobs j WHERE " + MATCHES;

    private final Pool pool;
    private final JobRows rows;
    private final JobWrites writes;

    DeadLetterRepository(Pool pool, JobRows rows, JobWrites writes) {
        this.pool = pool;
        this.rows = rows;
        this.writes = writes;
    }

    public Uni<List<DeadLetter>> list(DeadLetterFilter filter, JobCursor after, int limit) {
        Object[] params = Arrays.copyOf(filterParams(filter), 8);
        params[5] = after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC);
        params[6] = after == null ? null : after.id();
        params[7] = limit;
        return pool.preparedQuery(LIST).execute(Tuple.from(params)).map(found -> {
            List<DeadLetter> letters = new ArrayList<>();
            for (Row row : found) {
                letters.add(new DeadLetter(rows.toJob(row), row.getLong("failures_of_input"),
                        row.getValue("quarantined_at") != null));
            }
            return letters;
        });
    }

    /** What a replay would do, changing nothing. */
    public Uni<ReplayOutcome> dryRun(DeadLetterFilter filter, int quarantineAfter) {
        Object[] params = Arrays.copyOf(filterParams(filter), 6);
        params[5] = quarantineAfter;
        return pool.preparedQuery(COUNT).execute(Tuple.from(params)).map(found -> {
            Row row = found.iterator().next();
            long matched = row.getLong("matched");
            long replayable = row.getLong("replayable");
            return new ReplayOutcome(true, matched, replayable, matched - replayable, List.of());
        });
    }

    public Uni<ReplayOutcome> replay(DeadLetterFilter filter, int quarantineAfter, int limit) {
        Object[] params = Arrays.copyOf(filterParams(filter), 7);
        params[5] = quarantineAfter;
        params[6] = limit;
        return writes.replayDeadLetters(params).map(found -> {
            Row row = found.iterator().next();
            List<UUID> replayed = Arrays.asList(row.getArrayOfUUIDs("replayed"));
            return new ReplayOutcome(false, row.getLong("matched"), replayed.size(), row.getLong("quarantined"), replayed);
        });
    }

    private static Object[] filterParams(DeadLetterFilter filter) {
        return new Object[] { filter.code(), filter.type() == null ? null : filter.type().wireName(), filter.owner(),
                at(filter.since()), at(filter.until()) };
    }

    private static Object at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
