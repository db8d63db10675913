package dev.shortlist.jobs;

import static dev.shortlist.jobs.JobStatus.FAILED;
import static dev.shortlist.jobs.JobStatus.QUEUED;
import static dev.shortlist.jobs.JobStatus.RUNNING;
import static dev.shortlist.jobs.JobStatus.SUCCEEDED;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The pipeline's writes to {@code jobs}: the claim under a lease, renewal, completion,
 * failure, re-queue, deferral, release and rescue, on the pipeline's own connections
 * ({@link PipelinePool}), so requests never wait behind them nor they behind requests.
 * Each status change is guarded by the states {@link JobTransitions} allows it to leave
 * and by the lease; a guarded write reports whether it won. Losing means the job was
 * cancelled or rescued meanwhile, which is benign, and is how a job that ran twice still
 * completes once. Outcomes and renewals name the attempt as well as the holder: a replica
 * that claims a job again after its lease was rescued cannot have the stale attempt write
 * over the new one, nor keep a lease alive that no attempt of it is working. Time comes
 * from the injected clock, as in {@link JobWrites}.
 */
@ApplicationScoped
public class LeaseWrites {

    /**
     * Claims up to $1 runnable jobs for instance $2 under a lease of $3 seconds, no owner
     * above $4 running jobs, at $5, waiting jobs rising one priority per $6 seconds waited
     * (0: never): one statement and one round trip, the claim lock and the claim inside the
     * {@code claim_jobs} function (migration V130 says why one statement; V145 how it orders
     * jobs: by effective priority, then owners taking turns, then age). The function's guard
     * is the transition checked here.
     */
    static final String CLAIM = "SELECT * FROM claim_jobs($1, $2, $3, $4, $5, $6)";

    static {
        JobTransitions.guard(Set.of(QUEUED), RUNNING);
    }

    /**
     * One statement renews the leases of the attempts an instance is still working, named
     * by job id ($4) and attempt ($5); no status changes. A job the instance no longer
     * works, or whose attempt it holds is not the one running (its lease was rescued and it
     * was claimed again), is left to expire: its stale lease is not kept alive.
     */
    static final String HEARTBEAT = """
            UPDATE jobs j SET lease_expires_at = $3::timestamptz + make_interval(secs => $2)
            FROM unnest($4::uuid[], $5::integer[]) AS held(id, attempt)
            WHERE j.id = held.id AND j.attempts = held.attempt AND j.status = 'running' AND j.lease_owner = $1
            """;

    static final String SUCCEED = """
            UPDATE jobs
            SET status = 'succeeded', result = $3::text::jsonb, error = NULL, progress = 100,
                llm_engine = $4, llm_model = $5, tokens_in = $6, tokens_out = $7, cost_usd = $8,
                lease_owner = NULL, lease_expires_at = NULL, finished_at = $9, updated_at = $9
            WHERE id = $1 AND lease_owner = $2 AND attempts = $10 AND %s
            """.formatted(JobTransitions.guard(Set.of(RUNNING), SUCCEEDED));

    /**
     * Many successes of one lease holder in one statement and one commit: one array per
     * column, unnested into rows. Returns the ids it completed; a job missing from them
     * was cancelled or rescued meanwhile (its result is dropped).
     */
    static final String SUCCEED_MANY = """
            UPDATE jobs j
            SET status = 'succeeded', result = d.result::jsonb, error = NULL, progress = 100,
                llm_engine = d.engine, llm_model = d.model, tokens_in = d.tokens_in, tokens_out = d.tokens_out,
                cost_usd = d.cost::numeric, lease_owner = NULL, lease_expires_at = NULL, finished_at = $3, updated_at = $3
            FROM unnest($1::uuid[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::integer[], $9::text[], $10::integer[])
                 AS d(id, result, engine, model, tokens_in, tokens_out, cost, attempt)
            WHERE j.id = d.id AND j.lease_owner = $2 AND j.attempts = d.attempt AND j.%s
            RETURNING j.id
            """.formatted(JobTransitions.guard(Set.of(RUNNING), SUCCEEDED));

    static final String FAIL = """
            UPDATE jobs
            SET status = 'failed', error = $3::text::jsonb,
                lease_owner = NULL, lease_expires_at = NULL, finished_at = $4, updated_at = $4
            WHERE id = $1 AND lease_owner = $2 AND attempts = $5 AND %s
            """.formatted(JobTransitions.guard(Set.of(RUNNING), FAILED));

    /** Back to the queue after a retryable failure, not to be claimed before $4. */
    static final String REQUEUE = """
            UPDATE jobs
            SET status = 'queued', error = $3::text::jsonb, run_after = $4,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = $5
            WHERE id = $1 AND lease_owner = $2 AND attempts = $6 AND %s
            """.formatted(JobTransitions.guard(Set.of(RUNNING), QUEUED));

    /** Back to the queue until $3 without spending the attempt: the job waits (quota, identical work in flight), it did not fail. */
    static final String DEFER = """
            UPDATE jobs
            SET status = 'queued', attempts = greatest(attempts - 1, 0), run_after = $3,
                waiting_for = $5, waiting_since = coalesce(waiting_since, $4),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = $4
            WHERE id = $1 AND lease_owner = $2 AND attempts = $6 AND %s
            """.formatted(JobTransitions.guard(Set.of(RUNNING), QUEUED));

    /**
     * On shutdown: jobs this instance could not finish go back to the queue at once. The
     * attempt is given back, as the job did not fail.
     */
    static final String RELEASE_ALL = """
            UPDATE jobs
            SET status = 'queued', attempts = greatest(attempts - 1, 0), run_after = $2,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = $2
            WHERE lease_owner = $1 AND %s
            """.formatted(JobTransitions.guard(Set.of(RUNNING), QUEUED));

    /**
     * Jobs whose holder stopped renewing (it died) are re-queued, or failed when that was
     * their last attempt; up to $1 per pass, oldest expiry first.
     */
    static final String RESCUE_EXPIRED = """
            WITH expired AS (
                SELECT id FROM jobs
                WHERE status = 'running' AND lease_expires_at < $2
                ORDER BY lease_expires_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE jobs j
            SET status = CASE WHEN j.attempts >= j.max_attempts THEN 'failed' ELSE 'queued' END,
                finished_at = CASE WHEN j.attempts >= j.max_attempts THEN $2::timestamptz END,
                error = jsonb_build_object(
                    'code', 'lease_expired',
                    'message', format('lease expired (attempt %%s of %%s)', j.attempts, j.max_attempts),
                    'retryable', j.attempts < j.max_attempts),
                run_after = $2, lease_owner = NULL, lease_expires_at = NULL, updated_at = $2
            FROM expired
            WHERE j.id = expired.id AND j.%s
            RETURNING j.id, j.status
            """.formatted(JobTransitions.guard(Set.of(RUNNING), QUEUED, FAILED));

    private final Pool pipeline;
    private final JobRows rows;
    private final Clock clock;

    LeaseWrites(PipelinePool pipeline, JobRows rows, Clock clock) {
        this.pipeline = pipeline.pool();
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} jobs (see {@link #CLAIM}); a waiting job rises one priority
     * per {@code agingInterval} waited, {@link Duration#ZERO} for never.
     */
    public Uni<List<Job>> claim(int limit, String leaseOwner, Duration lease, int ownerRunningCap, Duration agingInterval) {
        return pipeline.preparedQuery(CLAIM)
                .execute(Tuple.of(limit, leaseOwner, seconds(lease), ownerRunningCap, now(), seconds(agingInterval)))
                .map(rows::toJobs);
    }

    /** One attempt an instance is working: the job and the attempt it claimed. */
    public record Held(UUID id, int attempt) {
    }

    /** Renews the leases of the attempts named; returns how many it renewed (see {@link #HEARTBEAT}). */
    public Uni<Integer> heartbeat(String leaseOwner, Collection<Held> held, Duration lease) {
        UUID[] ids = new UUID[held.size()];
        Integer[] attempts = new Integer[held.size()];
        int i = 0;
        for (Held one : held) {
            ids[i] = one.id();
            attempts[i++] = one.attempt();
        }
        return pipeline.preparedQuery(HEARTBEAT)
                .execute(Tuple.of(leaseOwner, seconds(lease), now(), ids, attempts))
                .map(result -> result.rowCount());
    }

    public Uni<Boolean> succeed(UUID id, String leaseOwner, int attempt, JsonNode result, LlmUsage usage) {
        return pipeline.preparedQuery(SUCCEED)
                .execute(Tuple.from(new Object[] {
                        id, leaseOwner, rows.encode(result), usage.engine(), usage.model(),
                        usage.tokensIn(), usage.tokensOut(), usage.costUsd(), now(), attempt }))
                .map(updated -> updated.rowCount() == 1);
    }

    /** One attempt's success, for {@link #succeedMany}. */
    public record Success(UUID id, int attempt, JsonNode result, LlmUsage usage) {
    }

    /** Stores the successes in one statement; returns the ids of the jobs it completed (see {@link #SUCCEED_MANY}). */
    public Uni<Set<UUID>> succeedMany(List<Success> successes, String leaseOwner) {
        int n = successes.size();
        UUID[] ids = new UUID[n];
        String[] results = new String[n];
        String[] engines = new String[n];
        String[] models = new String[n];
        Integer[] tokensIn = new Integer[n];
        Integer[] tokensOut = new Integer[n];
        String[] costs = new String[n];
        Integer[] attempts = new Integer[n];
        for (int i = 0; i < n; i++) {
            Success success = successes.get(i);
            ids[i] = success.id();
            attempts[i] = success.attempt();
            results[i] = rows.encode(success.result());
            engines[i] = success.usage().engine();
            models[i] = success.usage().model();
            tokensIn[i] = success.usage().tokensIn();
            tokensOut[i] = success.usage().tokensOut();
            costs[i] = success.usage().costUsd().toPlainString();
        }
        return pipeline.preparedQuery(SUCCEED_MANY)
                .execute(Tuple.from(new Object[] { ids, leaseOwner, now(), results, engines, models, tokensIn, tokensOut, costs, attempts }))
                .map(completed -> {
                    Set<UUID> won = new HashSet<>(completed.rowCount() * 2);
                    completed.forEach(row -> won.add(row.getUUID("id")));
                    return won;
                });
    }

    public Uni<Boolean> fail(UUID id, String leaseOwner, int attempt, JobError error) {
        return pipeline.preparedQuery(FAIL)
                .execute(Tuple.of(id, leaseOwner, rows.encode(error), now(), attempt))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Boolean> requeue(UUID id, String leaseOwner, int attempt, JobError error, Instant runAfter) {
        return pipeline.preparedQuery(REQUEUE)
                .execute(Tuple.of(id, leaseOwner, rows.encode(error), runAfter.atOffset(ZoneOffset.UTC), now(), attempt))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Boolean> defer(UUID id, String leaseOwner, int attempt, Instant runAfter, String waitingFor) {
        return pipeline.preparedQuery(DEFER)
                .execute(Tuple.from(new Object[] { id, leaseOwner, runAfter.atOffset(ZoneOffset.UTC), now(), waitingFor, attempt }))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Integer> releaseAll(String leaseOwner) {
        return pipeline.preparedQuery(RELEASE_ALL).execute(Tuple.of(leaseOwner, now())).map(result -> result.rowCount());
    }

    /** Returns how many expired leases were rescued in this pass. */
    public Uni<Integer> rescueExpired(int limit) {
        return pipeline.preparedQuery(RESCUE_EXPIRED).execute(Tuple.of(limit, now())).map(result -> result.rowCount());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
