package dev.shortlist.jobs;

import static dev.shortlist.jobs.JobStatus.CANCELLED;
import static dev.shortlist.jobs.JobStatus.QUEUED;
import static dev.shortlist.jobs.JobStatus.RUNNING;
import static dev.shortlist.jobs.JobStatus.SUCCEEDED;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The writes of requests to {@code jobs}: submit, cancel, retry and the
 * dead-letter replay ({@link LeaseWrites} has the pipeline's). Each status change is
 * guarded by the states {@link JobTransitions} allows it to leave; a guarded write reports
 * whether it won.
 *
 * <p>Time comes from the injected {@link Clock}, never from SQL {@code now()}: every
 * timestamp a write stores and every comparison (a queued job's {@code run_after}, an
 * expired lease) uses one clock, so tests move time instead of sleeping, and a retry
 * delay computed in Java is compared with the same clock that will judge it due. The cost
 * is that replicas' clocks must agree (NTP): a replica whose clock runs d ahead claims
 * retries up to d early and sees other replicas' leases expire d early. That is harmless
 * while d stays well under the lease duration minus the heartbeat interval (45 s by
 * default), which {@code ClockSkewCheck} warns about at start-up.
 */
@ApplicationScoped
public class JobWrites {

    /**
     * Inserts the job. A second submit with the same Idempotency-Key inserts nothing and
     * returns no row. The pipelines are told apart from the insert (see
     * {@link JobEvents#announceSubmitted()}): a NOTIFY inside the insert's transaction
     * would serialise every submit's commit on PostgreSQL's notification lock.
     */
    private static final String INSERT = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, input, input_hash, idempotency_key, max_attempts, status,
                              created_at, updated_at, run_after, traceparent)
            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, %s, $10, $10, $10, $11)
            ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING *
            """.formatted(JobTransitions.initial(QUEUED));

    /**
     * Many submits in one statement and one commit (see SubmitInserts, in dev.shortlist.submit): one array
     * per column, unnested into rows. A row whose Idempotency-Key its owner already used
     * is skipped, so it is missing from what the statement returns. The input is not
     * read back: the caller has it.
     */
    private static final String INSERT_MANY = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, input, input_hash, idempotency_key, max_attempts, status,
                              created_at, updated_at, run_after, traceparent)
            SELECT id, owner, type, priority, batch_id, input::jsonb, input_hash, idempotency_key, max_attempts, %s,
                   $10, $10, $10, traceparent
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::smallint[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                        $9::integer[], $11::text[]) AS submitted(id, owner, type, priority, batch_id, input, input_hash,
                                                                 idempotency_key, max_attempts, traceparent)
            ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING %s
            """.formatted(JobTransitions.initial(QUEUED), JobRows.COLUMNS_WITHOUT_INPUT);

    /** A job answered from the cache at submit: stored already succeeded, so no pipeline is woken. */
    private static final String INSERT_CACHED = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, input, input_hash, idempotency_key, max_attempts,
                              status, progress, cache_hit, result, llm_engine, llm_model,
                              created_at, updated_at, run_after, started_at, finished_at)
            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9,
                    %s, 100, true, $10::text::jsonb, $11, $12, $13, $13, $13, $13, $13)
            ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING *
            """.formatted(JobTransitions.initial(SUCCEEDED));

    /** Ends a job that has not ended; a running job's holder learns of it through the change announcement. */
    private static final String CANCEL = """
            UPDATE jobs
            SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL,
                finished_at = $3, updated_at = $3
            WHERE id = $1 AND owner = $2 AND %s
            RETURNING *
            """.formatted(JobTransitions.guard(Set.of(QUEUED, RUNNING), CANCELLED));

    /**
     * A new run of an ended job: queued from $at with its attempts, times and wait reset, the
     * replay counted. The one move out of an end state, outside {@link JobTransitions}, and
     * only these two make it: an admin's replay of dead letters and an owner's retry.
     */
    private static String newRun(String at, String retryKey) {
        return "status = 'queued', progress = 0, attempts = 0, run_after = " + at + ", started_at = NULL, finished_at = NULL, "
                + "waiting_for = NULL, waiting_since = NULL, replays = replays + 1, retry_key = " + retryKey + ", updated_at = " + at;
    }

    /**
     * The replay, one statement: of the matched failed jobs, those whose input failed the
     * same way $6 times or more are quarantined (stay failed); the others (up to $7) start a
     * {@link #newRun new run} at $8. The filter is DeadLetterRepository's.
     */
    private static final String REPLAY_DEAD_LETTERS = "WITH matched AS (SELECT j.id, j.quarantined_at IS NOT NULL AS was_quarantined, "
            + DeadLetterRepository.FAILURES_OF_INPUT + " AS failures FROM jobs j WHERE " + DeadLetterRepository.MATCHES
            + " FOR UPDATE OF j SKIP LOCKED), "
            + """
            quarantine AS (
                UPDATE jobs SET quarantined_at = $8, updated_at = $8
                FROM matched m WHERE jobs.id = m.id AND m.failures >= $6 AND NOT m.was_quarantined
                RETURNING jobs.id
            ),
            chosen AS (
                SELECT id FROM matched WHERE failures < $6 AND NOT was_quarantined LIMIT $7
            ),
            replay AS (
                UPDATE jobs SET %s
                FROM chosen c WHERE jobs.id = c.id AND jobs.status = 'failed'
                RETURNING jobs.id
            )
            SELECT (SELECT count(*) FROM matched) AS matched,
                   (SELECT count(*) FROM matched WHERE failures >= $6 OR was_quarantined) AS quarantined,
                   ARRAY(SELECT id FROM replay) AS replayed
            """.formatted(newRun("$8::timestamptz", "NULL"));

    /** An owner's retry of their failed or cancelled job: a {@link #newRun new run} from $3, under Idempotency-Key $4 (or none). */
    private static final String RETRY = """
            UPDATE jobs SET %s
            WHERE id = $1 AND owner = $2 AND status IN ('failed', 'cancelled')
            RETURNING *
            """.formatted(newRun("$3::timestamptz", "$4::text"));

    private final Pool pool;
    private final JobRows rows;
    private final Clock clock;

    public JobWrites(Pool pool, JobRows rows, Clock clock) {
        this.pool = pool;
        this.rows = rows;
        this.clock = clock;
    }

    /** The stored job, or empty when the owner already has a job under this idempotency key. */
    public Uni<Optional<Job>> insert(NewJob job) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {
                        job.id(), job.owner(), job.type().wireName(), job.priority().rank(), job.batchId(),
                        rows.encode(job.input()), job.inputHash(), job.idempotencyKey(), job.maxAttempts(), now(),
                        job.traceparent() }))
                .map(this::first);
    }

    /** Inserts the jobs in one statement; returns the stored ones (those whose idempotency key was unused). */
    public Uni<List<Job>> insertMany(List<NewJob> jobs) {
        int n = jobs.size();
        UUID[] ids = new UUID[n];
        String[] owners = new String[n];
        String[] types = new String[n];
        Short[] priorities = new Short[n];
        UUID[] batchIds = new UUID[n];
        String[] inputs = new String[n];
        String[] hashes = new String[n];
        String[] keys = new String[n];
        Integer[] maxAttempts = new Integer[n];
        String[] traceparents = new String[n];
        Map<UUID, JsonNode> inputsById = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NewJob job = jobs.get(i);
            ids[i] = job.id();
            owners[i] = job.owner();
            types[i] = job.type().wireName();
            priorities[i] = job.priority().rank();
            batchIds[i] = job.batchId();
            inputs[i] = rows.encode(job.input());
            hashes[i] = job.inputHash();
            keys[i] = job.idempotencyKey();
            maxAttempts[i] = job.maxAttempts();
            traceparents[i] = job.traceparent();
            inputsById.put(job.id(), job.input());
        }
        return pool.preparedQuery(INSERT_MANY)
                .execute(Tuple.from(new Object[] { ids, owners, types, priorities, batchIds, inputs, hashes, keys, maxAttempts,
                        now(), traceparents }))
                .map(stored -> {
                    List<Job> inserted = new ArrayList<>(stored.rowCount());
                    stored.forEach(row -> inserted.add(rows.toJob(row, inputsById.get(row.getUUID("id")))));
                    return inserted;
                });
    }

    /** Inserts the job already succeeded with a cached result; empty when the idempotency key was used already. */
    public Uni<Optional<Job>> insertCached(NewJob job, JsonNode result, String engine, String model) {
        return pool.preparedQuery(INSERT_CACHED)
                .execute(Tuple.from(new Object[] {
                        job.id(), job.owner(), job.type().wireName(), job.priority().rank(), job.batchId(),
                        rows.encode(job.input()), job.inputHash(), job.idempotencyKey(), job.maxAttempts(),
                        rows.encode(result), engine, model, now() }))
                .map(this::first);
    }

    /** The cancelled job, or empty when the owner has no such job that is still queued or running. */
    public Uni<Optional<Job>> cancel(UUID id, String owner) {
        return pool.preparedQuery(CANCEL).execute(Tuple.of(id, owner, now())).map(this::first);
    }

    /** Runs the dead-letter replay with DeadLetterRepository's filter parameters ($1–$7), now. */
    Uni<RowSet<Row>> replayDeadLetters(Object[] filterParams) {
        Object[] params = java.util.Arrays.copyOf(filterParams, 8);
        params[7] = now();
        return pool.preparedQuery(REPLAY_DEAD_LETTERS).execute(Tuple.from(params));
    }

    /** The job queued for a new run, or empty when the owner has no such job that failed or was cancelled. */
    public Uni<Optional<Job>> retry(UUID id, String owner, String idempotencyKey) {
        return pool.preparedQuery(RETRY).execute(Tuple.of(id, owner, now(), idempotencyKey)).map(this::first);
    }

    private Optional<Job> first(RowSet<Row> result) {
        return result.rowCount() == 0 ? Optional.empty() : Optional.of(rows.toJob(result.iterator().next()));
    }

    /** The instant every write stores and compares against; see the class comment for why it is this replica's clock. */
    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

}
