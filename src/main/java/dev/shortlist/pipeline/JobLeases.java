package dev.shortlist.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobRows;
import dev.shortlist.jobs.LlmUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The pipeline's writes to {@code jobs}: claim under a lease, renew it, complete, fail,
 * re-queue, release and rescue. Each completion is guarded by the lease, and reports
 * whether it won: losing means the job was cancelled or rescued meanwhile, which is
 * benign, and is how a job that ran twice still completes once.
 */
@ApplicationScoped
public class JobLeases {

    /**
     * Claims are taken one at a time across all replicas (a transaction-scoped advisory
     * lock, held for the few milliseconds a claim takes), so the per-owner running cap
     * holds however many replicas claim at once.
     */
    static final String CLAIM_LOCK = "SELECT pg_advisory_xact_lock(7135462849)";

    /**
     * Claims up to $1 runnable jobs for instance $2, in priority then age order, giving no
     * owner more than $4 running jobs. Owners already at their cap are skipped, so their
     * backlog does not starve the others; within one claim, each owner's jobs are counted
     * in order (row_number) on top of those it already runs. The inner ORDER BY follows
     * jobs_claim_idx; the window of 4 × $1 candidates bounds the work of one claim.
     */
    static final String CLAIM = """
            WITH running AS (
                SELECT owner, count(*) AS n FROM jobs WHERE status = 'running' GROUP BY owner
            ),
            candidates AS (
                SELECT q.id, q.priority, q.created_at,
                       coalesce(r.n, 0) + row_number() OVER (PARTITION BY q.owner ORDER BY q.priority, q.created_at, q.id) AS nth
                FROM (
                    SELECT id, owner, priority, created_at FROM jobs
                    WHERE status = 'queued' AND run_after <= now()
                      AND owner NOT IN (SELECT owner FROM running WHERE n >= $4)
                    ORDER BY priority, created_at, id
                    LIMIT 4 * $1
                ) AS q
                LEFT JOIN running r ON r.owner = q.owner
            ),
            next AS (
                SELECT id FROM candidates WHERE nth <= $4 ORDER BY priority, created_at, id LIMIT $1
            )
            UPDATE jobs j
            SET status = 'running',
                attempts = j.attempts + 1,
                lease_owner = $2,
                lease_expires_at = now() + make_interval(secs => $3),
                started_at = coalesce(j.started_at, now()),
                updated_at = now()
            FROM next
            WHERE j.id = next.id AND j.status = 'queued'
            RETURNING j.*
            """;

    /** One statement renews every lease an instance holds. */
    static final String HEARTBEAT = """
            UPDATE jobs SET lease_expires_at = now() + make_interval(secs => $2)
            WHERE status = 'running' AND lease_owner = $1
            """;

    static final String SUCCEED = """
            UPDATE jobs
            SET status = 'succeeded', result = $3::text::jsonb, error = NULL, progress = 100,
                llm_engine = $4, llm_model = $5, tokens_in = $6, tokens_out = $7, cost_usd = $8,
                lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()
            WHERE id = $1 AND status = 'running' AND lease_owner = $2
            """;

    static final String FAIL = """
            UPDATE jobs
            SET status = 'failed', error = $3::text::jsonb,
                lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()
            WHERE id = $1 AND status = 'running' AND lease_owner = $2
            """;

    /** Back to the queue after a retryable failure, not to be claimed before $4. */
    static final String REQUEUE = """
            UPDATE jobs
            SET status = 'queued', error = $3::text::jsonb, run_after = $4,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE id = $1 AND status = 'running' AND lease_owner = $2
            """;

    /**
     * Back to the queue until $3 without spending the attempt: the job waits (model unavailable,
     * quota, identical work in flight), it did not fail. $4 says what for; the first wait's
     * start is kept, so the fallback and the deadline can tell how long the job has waited.
     */
    static final String DEFER = """
            UPDATE jobs
            SET status = 'queued', attempts = greatest(attempts - 1, 0), run_after = $3,
                waiting_for = $4, waiting_since = coalesce(waiting_since, now()),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE id = $1 AND status = 'running' AND lease_owner = $2
            """;

    /**
     * On shutdown: jobs this instance could not finish go back to the queue at once. The
     * attempt is given back, as the job did not fail.
     */
    static final String RELEASE_ALL = """
            UPDATE jobs
            SET status = 'queued', attempts = greatest(attempts - 1, 0), run_after = now(),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE status = 'running' AND lease_owner = $1
            """;

    /**
     * Jobs whose holder stopped renewing (it died) are re-queued, or failed when that was
     * their last attempt; up to $1 per pass, oldest expiry first.
     */
    static final String RESCUE_EXPIRED = """
            WITH expired AS (
                SELECT id FROM jobs
                WHERE status = 'running' AND lease_expires_at < now()
                ORDER BY lease_expires_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE jobs j
            SET status = CASE WHEN j.attempts >= j.max_attempts THEN 'failed' ELSE 'queued' END,
                finished_at = CASE WHEN j.attempts >= j.max_attempts THEN now() END,
                error = jsonb_build_object(
                    'code', 'lease_expired',
                    'message', format('lease expired (attempt %s of %s)', j.attempts, j.max_attempts),
                    'retryable', j.attempts < j.max_attempts),
                run_after = now(), lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            FROM expired
            WHERE j.id = expired.id
            RETURNING j.id, j.status
            """;

    static final String QUEUE_DEPTH = "SELECT priority, count(*) AS n FROM jobs WHERE status = 'queued' GROUP BY priority";

    private final Pool pool;
    private final JobRows rows;

    public JobLeases(Pool pool, JobRows rows) {
        this.pool = pool;
        this.rows = rows;
    }

    public Uni<List<Job>> claim(int limit, String leaseOwner, Duration lease, int ownerRunningCap) {
        return pool.withTransaction(tx -> tx.query(CLAIM_LOCK).execute()
                .chain(() -> tx.preparedQuery(CLAIM).execute(Tuple.of(limit, leaseOwner, seconds(lease), ownerRunningCap)))
                .map(rows::toJobs));
    }

    public Uni<Integer> heartbeat(String leaseOwner, Duration lease) {
        return pool.preparedQuery(HEARTBEAT).execute(Tuple.of(leaseOwner, seconds(lease))).map(result -> result.rowCount());
    }

    public Uni<Boolean> succeed(UUID id, String leaseOwner, JsonNode result, LlmUsage usage) {
        return pool.preparedQuery(SUCCEED)
                .execute(Tuple.from(new Object[] {
                        id, leaseOwner, rows.encode(result), usage.engine(), usage.model(),
                        usage.tokensIn(), usage.tokensOut(), usage.costUsd() }))
                .map(updated -> updated.rowCount() == 1);
    }

    public Uni<Boolean> fail(UUID id, String leaseOwner, JobError error) {
        return pool.preparedQuery(FAIL)
                .execute(Tuple.of(id, leaseOwner, rows.encode(error)))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Boolean> requeue(UUID id, String leaseOwner, JobError error, Instant runAfter) {
        return pool.preparedQuery(REQUEUE)
                .execute(Tuple.of(id, leaseOwner, rows.encode(error), runAfter.atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Boolean> defer(UUID id, String leaseOwner, Instant runAfter, String waitingFor) {
        return pool.preparedQuery(DEFER)
                .execute(Tuple.of(id, leaseOwner, runAfter.atOffset(ZoneOffset.UTC), waitingFor))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Integer> releaseAll(String leaseOwner) {
        return pool.preparedQuery(RELEASE_ALL).execute(Tuple.of(leaseOwner)).map(result -> result.rowCount());
    }

    /** Queued jobs by priority, for the queue-depth gauges. */
    public Uni<java.util.Map<dev.shortlist.jobs.Priority, Long>> queueDepth() {
        return pool.query(QUEUE_DEPTH).execute().map(result -> {
            java.util.Map<dev.shortlist.jobs.Priority, Long> depth = new java.util.EnumMap<>(dev.shortlist.jobs.Priority.class);
            for (dev.shortlist.jobs.Priority priority : dev.shortlist.jobs.Priority.values()) {
                depth.put(priority, 0L);
            }
            result.forEach(row -> depth.put(dev.shortlist.jobs.Priority.ofRank(row.getShort("priority")), row.getLong("n")));
            return depth;
        });
    }

    /** Returns how many expired leases were rescued in this pass. */
    public Uni<Integer> rescueExpired(int limit) {
        return pool.preparedQuery(RESCUE_EXPIRED).execute(Tuple.of(limit)).map(result -> result.rowCount());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
