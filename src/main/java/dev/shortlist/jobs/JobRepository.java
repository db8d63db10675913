package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Inserts, reads, lists and cancels jobs. The pipeline's guarded state changes live in {@code pipeline.JobLeases}. */
@ApplicationScoped
public class JobRepository {

    /** The channel a submit notifies, so idle pipelines on every replica wake at once. */
    public static final String SUBMIT_CHANNEL = "shortlist_jobs";

    /**
     * Inserts the job. A second submit with the same Idempotency-Key inserts nothing and
     * returns no row. The pipelines are told apart from the insert (see
     * {@link JobEvents#announceSubmitted()}): a NOTIFY inside the insert's transaction
     * would serialise every submit's commit on PostgreSQL's notification lock.
     */
    private static final String INSERT = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, input, input_hash, idempotency_key, max_attempts)
            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9)
            ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING *
            """;

    /**
     * Many submits in one statement and one commit (see {@link SubmitInserts}): one array
     * per column, unnested into rows. A row whose Idempotency-Key its owner already used
     * is skipped, so it is missing from what the statement returns. The input is not
     * read back: the caller has it.
     */
    private static final String INSERT_MANY = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, input, input_hash, idempotency_key, max_attempts)
            SELECT id, owner, type, priority, batch_id, input::jsonb, input_hash, idempotency_key, max_attempts
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::smallint[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                        $9::integer[]) AS submitted(id, owner, type, priority, batch_id, input, input_hash, idempotency_key,
                                                    max_attempts)
            ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id, owner, type, status, priority, batch_id, input_hash, progress, attempts, max_attempts, run_after,
                      lease_owner, lease_expires_at, result, error, cache_hit, llm_engine, llm_model, tokens_in, tokens_out,
                      cost_usd, created_at, started_at, finished_at
            """;

    /** A job answered from the cache at submit: stored already succeeded, so no pipeline is woken. */
    private static final String INSERT_CACHED = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, input, input_hash, idempotency_key, max_attempts,
                              status, progress, cache_hit, result, llm_engine, llm_model, started_at, finished_at)
            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9,
                    'succeeded', 100, true, $10::text::jsonb, $11, $12, now(), now())
            ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING *
            """;

    private static final String FIND_OWNED = "SELECT * FROM jobs WHERE id = $1 AND owner = $2";

    private static final String FIND_BY_IDEMPOTENCY_KEY = "SELECT * FROM jobs WHERE owner = $1 AND idempotency_key = $2";

    /** Counts an owner's queued jobs, but stops at $2: only whether the cap is reached matters. */
    private static final String COUNT_QUEUED_UP_TO = """
            SELECT count(*) AS n FROM (SELECT 1 FROM jobs WHERE owner = $1 AND status = 'queued' LIMIT $2) AS queued
            """;

    /** Ends a job that has not ended; a running job's holder learns of it through the change announcement. */
    private static final String CANCEL = """
            UPDATE jobs
            SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL,
                finished_at = now(), updated_at = now()
            WHERE id = $1 AND owner = $2 AND status IN ('queued', 'running')
            RETURNING *
            """;

    /**
     * An owner's jobs, newest first, optionally filtered, from just after a cursor. The
     * cursor is the (created_at, id) of the last row seen: jobs created later sort before
     * it, so new arrivals never shift later pages.
     */
    private static final String LIST = """
            SELECT * FROM jobs
            WHERE owner = $1
              AND ($2::text IS NULL OR status = $2)
              AND ($3::text IS NULL OR type = $3)
              AND ($4::uuid IS NULL OR batch_id = $4)
              AND ($5::timestamptz IS NULL OR (created_at, id) < ($5, $6::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $7
            """;

    private final Pool pool;
    private final JobRows rows;

    public JobRepository(Pool pool, JobRows rows) {
        this.pool = pool;
        this.rows = rows;
    }

    /** The stored job, or empty when the owner already has a job under this idempotency key. */
    public Uni<Optional<Job>> insert(NewJob job) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {
                        job.id(), job.owner(), job.type().wireName(), job.priority().rank(), job.batchId(),
                        rows.encode(job.input()), job.inputHash(), job.idempotencyKey(), job.maxAttempts() }))
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
        }
        Map<UUID, JsonNode> inputsById = new HashMap<>();
        jobs.forEach(job -> inputsById.put(job.id(), job.input()));
        return pool.preparedQuery(INSERT_MANY)
                .execute(Tuple.from(new Object[] { ids, owners, types, priorities, batchIds, inputs, hashes, keys, maxAttempts }))
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
                        rows.encode(result), engine, model }))
                .map(this::first);
    }

    public Uni<Optional<Job>> findOwned(UUID id, String owner) {
        return pool.preparedQuery(FIND_OWNED).execute(Tuple.of(id, owner)).map(this::first);
    }

    public Uni<Optional<Job>> findByIdempotencyKey(String owner, String key) {
        return pool.preparedQuery(FIND_BY_IDEMPOTENCY_KEY).execute(Tuple.of(owner, key)).map(this::first);
    }

    /** The owner's queued jobs, counted up to {@code cap} (beyond it the exact number does not matter). */
    public Uni<Long> countQueuedUpTo(String owner, int cap) {
        return pool.preparedQuery(COUNT_QUEUED_UP_TO).execute(Tuple.of(owner, cap))
                .map(result -> result.iterator().next().getLong("n"));
    }

    /** The cancelled job, or empty when the owner has no such job that is still queued or running. */
    public Uni<Optional<Job>> cancel(UUID id, String owner) {
        return pool.preparedQuery(CANCEL).execute(Tuple.of(id, owner)).map(this::first);
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

    private Optional<Job> first(RowSet<Row> result) {
        return result.rowCount() == 0 ? Optional.empty() : Optional.of(rows.toJob(result.iterator().next()));
    }
}
