package dev.shortlist.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads and lists jobs. Every write to them goes through {@link JobWrites}. */
@ApplicationScoped
public class JobRepository {

    /** The channel a submit notifies, so idle pipelines on every replica wake at once. */
    public static final String SUBMIT_CHANNEL = "shortlist_jobs";

    /** A job as its owner reads it: its input (up to megabytes of text) is neither read nor decoded. */
    private static final String FIND_OWNED = "SELECT " + JobRows.COLUMNS_WITHOUT_INPUT + " FROM jobs WHERE id = $1 AND owner = $2";
    /** Any owner's job with its input, for an admin's audited reveal. */
    private static final String FIND_ANY = "SELECT * FROM jobs WHERE id = $1";

    /** Jobs by id without their inputs: what watchers and many-jobs reads show never includes them. */
    private static final String FIND_MANY = "SELECT " + JobRows.COLUMNS_WITHOUT_INPUT + " FROM jobs WHERE id = ANY($1)";

    private static final String FIND_MANY_OWNED = FIND_MANY + " AND owner = $2";
    /** What a watcher compares, and nothing else: the safety re-read of every watched job reads this. */
    private static final String STATES = "SELECT id, status, progress, attempts FROM jobs WHERE id = ANY($1)";

    private static final String FIND_BY_IDEMPOTENCY_KEY = "SELECT * FROM jobs WHERE owner = $1 AND idempotency_key = $2";

    /** Counts an owner's queued jobs, but stops at $2: only whether the cap is reached matters. */
    private static final String COUNT_QUEUED_UP_TO = """
            SELECT count(*) AS n FROM (SELECT 1 FROM jobs WHERE owner = $1 AND status = 'queued' LIMIT $2) AS queued
            """;

    /**
     * An owner's jobs, newest first, optionally filtered, from just after a cursor. The
     * cursor is the (created_at, id) of the last row seen: jobs created later sort before
     * it, so new arrivals never shift later pages. Inputs are not read: a listing never shows them.
     */
    private static final String LIST = "SELECT " + JobRows.COLUMNS_WITHOUT_INPUT + """

            FROM jobs
            WHERE owner = $1
              AND ($2::text IS NULL OR status = $2)
              AND ($3::text IS NULL OR type = $3)
              AND ($4::uuid IS NULL OR batch_id = $4)
              AND ($5::timestamptz IS NULL OR (created_at, id) < ($5, $6::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $7
            """;

    /** Queued jobs by priority and, of those ready to run at $1, the oldest one's creation. */
    static final String QUEUE_SAMPLE = """
            SELECT priority, count(*) AS n, min(created_at) FILTER (WHERE run_after <= $1) AS oldest_ready
            FROM jobs WHERE status = 'queued' GROUP BY priority
            """;

    private final Pool pool;
    private final JobRows rows;

    public JobRepository(Pool pool, JobRows rows) {
        this.pool = pool;
        this.rows = rows;
    }

    public Uni<Optional<Job>> findOwned(UUID id, String owner) {
        return pool.preparedQuery(FIND_OWNED).execute(Tuple.of(id, owner)).map(this::first);
    }

    /** A job by id with its input, whoever owns it: for admins only (the caller checks). */
    public Uni<Optional<Job>> findAnyOwner(UUID id) {
        return pool.preparedQuery(FIND_ANY).execute(Tuple.of(id)).map(this::first);
    }

    /** Jobs by id, whoever owns them (callers check): one statement for all. */
    public Uni<Map<UUID, Job>> findMany(List<UUID> ids) {
        return pool.preparedQuery(FIND_MANY).execute(Tuple.of(ids.toArray(UUID[]::new))).map(this::byId);
    }

    /** Where jobs stand (status, progress, attempt), by id: a few bytes a job, for checking many often. */
    public Uni<Map<UUID, State>> states(List<UUID> ids) {
        return pool.preparedQuery(STATES).execute(Tuple.of(ids.toArray(UUID[]::new))).map(result -> {
            Map<UUID, State> found = new java.util.HashMap<>();
            result.forEach(row -> found.put(row.getUUID("id"), new State(JobStatus.fromWireName(row.getString("status")),
                    row.getShort("progress"), row.getInteger("attempts"))));
            return found;
        });
    }

    /** Where a job stands, as a watcher tells changes apart. */
    public record State(JobStatus status, int progress, int attempts) {

        public static State of(Job job) {
            return new State(job.status(), job.progress(), job.attempts());
        }
    }

    /** The owner's jobs among {@code ids}, in the order asked; ids of no job of theirs are left out. */
    public Uni<List<Job>> findManyOwned(List<UUID> ids, String owner) {
        return pool.preparedQuery(FIND_MANY_OWNED).execute(Tuple.of(ids.toArray(UUID[]::new), owner)).map(result -> {
            Map<UUID, Job> found = byId(result);
            return ids.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
        });
    }

    private Map<UUID, Job> byId(RowSet<Row> result) {
        Map<UUID, Job> found = new java.util.HashMap<>();
        result.forEach(row -> {
            Job job = rows.toJob(row, null);
            found.put(job.id(), job);
        });
        return found;
    }

    public Uni<Optional<Job>> findByIdempotencyKey(String owner, String key) {
        return pool.preparedQuery(FIND_BY_IDEMPOTENCY_KEY).execute(Tuple.of(owner, key)).map(this::first);
    }

    /** The owner's queued jobs, counted up to {@code cap} (beyond it the exact number does not matter). */
    public Uni<Long> countQueuedUpTo(String owner, int cap) {
        return pool.preparedQuery(COUNT_QUEUED_UP_TO).execute(Tuple.of(owner, cap))
                .map(result -> result.iterator().next().getLong("n"));
    }

    public Uni<List<Job>> list(String owner, JobFilter filter, JobCursor after, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.from(new Object[] {
                        owner,
                        filter.status() == null ? null : filter.status().wireName(),
                        filter.type() == null ? null : filter.type().wireName(),
                        filter.batchId(),
                        after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC),
                        after == null ? null : after.id(),
                        limit }))
                .map(rows::toJobs);
    }

    /** The queue as every replica sees it at {@code now}, in one read, for the queue gauges. */
    public Uni<QueueSample> queueSample(Instant now) {
        return pool.preparedQuery(QUEUE_SAMPLE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(result -> {
            Map<Priority, Long> depth = new EnumMap<>(Priority.class);
            for (Priority priority : Priority.values()) {
                depth.put(priority, 0L);
            }
            Instant oldest = now;
            for (Row row : result) {
                depth.put(Priority.ofRank(row.getShort("priority")), row.getLong("n"));
                OffsetDateTime ready = row.getOffsetDateTime("oldest_ready");
                if (ready != null && ready.toInstant().isBefore(oldest)) {
                    oldest = ready.toInstant();
                }
            }
            return new QueueSample(depth, Duration.between(oldest, now));
        });
    }

    private static final String RETRY_KEY = "SELECT retry_key FROM jobs WHERE id = $1 AND owner = $2";

    /** The Idempotency-Key of the owner's last retry of the job, or null (none, or no such job). */
    public Uni<String> retryKey(UUID id, String owner) {
        return pool.preparedQuery(RETRY_KEY).execute(Tuple.of(id, owner))
                .map(found -> found.rowCount() == 0 ? null : found.iterator().next().getString("retry_key"));
    }

    private Optional<Job> first(RowSet<Row> result) {
        return result.rowCount() == 0 ? Optional.empty() : Optional.of(rows.toJob(result.iterator().next()));
    }
}
