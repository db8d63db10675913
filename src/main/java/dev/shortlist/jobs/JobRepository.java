package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Inserts and reads jobs. The pipeline's guarded state changes live in {@code pipeline.JobLeases}. */
@ApplicationScoped
public class JobRepository {

    /** The channel a submit notifies, so idle pipelines on every replica wake at once. */
    public static final String SUBMIT_CHANNEL = "shortlist_jobs";

    /** Inserts the job and notifies the pipelines; the notification is delivered when the insert commits. */
    private static final String INSERT = """
            WITH inserted AS (
                INSERT INTO jobs (id, owner, type, priority, batch_id, input, input_hash, idempotency_key, max_attempts)
                VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9)
                RETURNING *
            )
            SELECT inserted.*, pg_notify('%s', '') FROM inserted
            """.formatted(SUBMIT_CHANNEL);

    /** A job answered from the cache at submit: stored already succeeded, so no pipeline is woken. */
    private static final String INSERT_CACHED = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, input, input_hash, idempotency_key, max_attempts,
                              status, progress, cache_hit, result, llm_engine, llm_model, started_at, finished_at)
            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9,
                    'succeeded', 100, true, $10::text::jsonb, $11, $12, now(), now())
            RETURNING *
            """;

    private static final String FIND_OWNED = "SELECT * FROM jobs WHERE id = $1 AND owner = $2";

    private final Pool pool;
    private final JobRows rows;

    public JobRepository(Pool pool, JobRows rows) {
        this.pool = pool;
        this.rows = rows;
    }

    /** The job exists once this completes. */
    public Uni<Job> insert(NewJob job) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {
                        job.id(), job.owner(), job.type().wireName(), job.priority().rank(), job.batchId(),
                        rows.encode(job.input()), job.inputHash(), job.idempotencyKey(), job.maxAttempts() }))
                .map(result -> rows.toJob(result.iterator().next()));
    }

    /** Inserts the job already succeeded with a cached result; it exists once this completes. */
    public Uni<Job> insertCached(NewJob job, JsonNode result, String engine, String model) {
        return pool.preparedQuery(INSERT_CACHED)
                .execute(Tuple.from(new Object[] {
                        job.id(), job.owner(), job.type().wireName(), job.priority().rank(), job.batchId(),
                        rows.encode(job.input()), job.inputHash(), job.idempotencyKey(), job.maxAttempts(),
                        rows.encode(result), engine, model }))
                .map(inserted -> rows.toJob(inserted.iterator().next()));
    }

    public Uni<Optional<Job>> findOwned(UUID id, String owner) {
        return pool.preparedQuery(FIND_OWNED).execute(Tuple.of(id, owner))
                .map(result -> result.rowCount() == 0 ? Optional.empty() : Optional.of(rows.toJob(result.iterator().next())));
    }
}
