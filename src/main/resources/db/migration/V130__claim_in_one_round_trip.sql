-- The pipeline's claim as one statement, so one round trip: the function takes the claim
-- lock (transaction-scoped advisory lock, released when the calling statement commits)
-- and then claims. Taken one at a time across replicas, claims keep the per-owner running
-- cap however many replicas claim at once; a claim sent as BEGIN, lock, claim, COMMIT held
-- the lock across four exchanges with a busy client, idle in transaction between them.
-- Inside the function each statement takes a fresh snapshot (READ COMMITTED), so the claim
-- sees every claim committed before the lock was granted.
--
-- Claims up to max_jobs runnable jobs for holder, in priority then age order, giving no
-- owner more than owner_cap running jobs. Owners already at their cap are skipped, so their
-- backlog does not starve the others; within one claim, each owner's jobs are counted in
-- order (row_number) on top of those it already runs. The inner ORDER BY follows
-- jobs_claim_idx; the window of 4 × max_jobs candidates bounds the work of one claim.
CREATE FUNCTION claim_jobs(max_jobs integer, holder text, lease_seconds double precision, owner_cap integer,
                           at timestamptz)
RETURNS SETOF jobs
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
BEGIN
    PERFORM pg_advisory_xact_lock(7135462849);
    RETURN QUERY
    WITH running AS (
        SELECT owner, count(*) AS n FROM jobs WHERE status = 'running' GROUP BY owner
    ),
    candidates AS (
        SELECT q.id, q.priority, q.created_at,
               coalesce(r.n, 0) + row_number() OVER (PARTITION BY q.owner ORDER BY q.priority, q.created_at, q.id) AS nth
        FROM (
            SELECT id, owner, priority, created_at FROM jobs
            WHERE status = 'queued' AND run_after <= claim_jobs.at
              AND owner NOT IN (SELECT owner FROM running WHERE n >= claim_jobs.owner_cap)
            ORDER BY priority, created_at, id
            LIMIT 4 * claim_jobs.max_jobs
        ) AS q
        LEFT JOIN running r ON r.owner = q.owner
    ),
    next AS (
        SELECT id FROM candidates WHERE nth <= claim_jobs.owner_cap ORDER BY priority, created_at, id
        LIMIT claim_jobs.max_jobs
    )
    UPDATE jobs j
    SET status = 'running',
        attempts = j.attempts + 1,
        lease_owner = claim_jobs.holder,
        lease_expires_at = claim_jobs.at + make_interval(secs => claim_jobs.lease_seconds),
        started_at = coalesce(j.started_at, claim_jobs.at),
        updated_at = claim_jobs.at
    FROM next
    WHERE j.id = next.id AND j.status = 'queued'
    RETURNING j.*;
END
$$;
