-- Fair share in the claim: within a priority, owners take turns, and waiting jobs age
-- into a higher priority. Still one statement and one round trip, under the same claim
-- lock as V130, so the per-owner running cap holds however many replicas claim at once.
--
-- Order. Jobs are claimed by effective priority, then by turn, then by age. An owner's
-- turn for a job is the jobs it already runs plus the job's place among its own waiting
-- jobs: an owner with nothing running has its first waiting job at turn 1, one running 16
-- jobs has its next at turn 17. So within a priority the k-th job of every owner goes
-- before any owner's (k+1)-th, counting what each already runs, and one owner's 10,000-job
-- batch queued first no longer holds back another owner's batch of the same priority: the
-- newcomer's first job is at turn 1 and goes in the next claim. Round-robin by turns was
-- chosen over weighting by recent usage because it needs no history (no usage table to
-- keep, decay or share across replicas): the running jobs it counts are already in this
-- table, and every claim, on any replica, sees the same counts. Owners already at
-- owner_cap are skipped.
--
-- Aging. A job's effective priority is its own, except for an owner's oldest runnable job
-- of a priority at which that owner runs nothing: that one rises one step (toward
-- critical) per aging_seconds waited since it was created (0 turns aging off). So a stream
-- of higher-priority work cannot hold an owner's work back for ever: it gets one job at a
-- time through. Aging every waiting job instead would let a long backlog that is being
-- worked (all of it old) overtake newer work of the same priority wholesale, undoing the
-- turns above.
--
-- Bounded work. A loose index scan (recursive CTE) lists the owners with queued jobs, one
-- index probe per owner; for each owner under its cap and each of the five priorities, a
-- LATERAL reads at most min(max_jobs, room under the cap) jobs through jobs_fair_claim_idx,
-- oldest first. Within one owner and one priority only the first of those can age, so an
-- owner's best jobs by (effective priority, age) are all among those read.
-- A claim thus reads at most 5 × max_jobs runnable rows per owner, however deep the backlog
-- (jobs waiting for a later run_after are stepped over); the cost grows with the number of
-- owners with queued jobs, not with the queue's depth (figures: docs/performance.md).
--
-- jobs_fair_claim_idx leads with owner, so it also serves what jobs_owner_queued_idx served
-- (an owner's queued jobs counted against the queued cap), which it replaces.
CREATE INDEX jobs_fair_claim_idx ON jobs (owner, priority, created_at, id) WHERE status = 'queued';
DROP INDEX jobs_owner_queued_idx;

DROP FUNCTION claim_jobs(integer, text, double precision, integer, timestamptz);

-- aging_seconds has a default so that a replica still running the previous release, which
-- calls with five arguments, keeps claiming during a rolling upgrade (with aging off).
CREATE FUNCTION claim_jobs(max_jobs integer, holder text, lease_seconds double precision, owner_cap integer,
                           at timestamptz, aging_seconds double precision DEFAULT 0)
RETURNS SETOF jobs
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
BEGIN
    PERFORM pg_advisory_xact_lock(7135462849);
    RETURN QUERY
    WITH RECURSIVE owners AS (
        (SELECT owner FROM jobs WHERE status = 'queued' ORDER BY owner LIMIT 1)
        UNION ALL
        SELECT (SELECT q.owner FROM jobs q WHERE q.status = 'queued' AND q.owner > o.owner ORDER BY q.owner LIMIT 1)
        FROM owners o
        WHERE o.owner IS NOT NULL
    ),
    running AS (
        SELECT owner, priority, count(*) AS n FROM jobs WHERE status = 'running' GROUP BY owner, priority
    ),
    eligible AS (
        SELECT o.owner, coalesce(sum(r.n), 0) AS n
        FROM owners o LEFT JOIN running r ON r.owner = o.owner
        WHERE o.owner IS NOT NULL
        GROUP BY o.owner
        HAVING coalesce(sum(r.n), 0) < claim_jobs.owner_cap
    ),
    candidates AS (
        SELECT c.id, e.owner, c.priority, c.created_at, c.place, e.n, r.n IS NULL AS level_idle
        FROM eligible e
        CROSS JOIN (VALUES (0::smallint), (1::smallint), (2::smallint), (3::smallint), (4::smallint)) AS p(priority)
        LEFT JOIN running r ON r.owner = e.owner AND r.priority = p.priority
        CROSS JOIN LATERAL (
            SELECT q.id, q.priority, q.created_at, row_number() OVER (ORDER BY q.created_at, q.id) AS place
            FROM jobs q
            WHERE q.status = 'queued' AND q.owner = e.owner AND q.priority = p.priority
              AND q.run_after <= claim_jobs.at
            ORDER BY q.created_at, q.id
            LIMIT least(claim_jobs.max_jobs, claim_jobs.owner_cap - e.n)
        ) AS c
    ),
    aged AS (
        SELECT id, owner, created_at, n,
               CASE WHEN claim_jobs.aging_seconds > 0 AND level_idle AND place = 1
                    THEN greatest(0, priority - floor(extract(epoch FROM claim_jobs.at - created_at) / claim_jobs.aging_seconds))
                    ELSE priority END AS effective
        FROM candidates
    ),
    turns AS (
        SELECT id, effective, created_at,
               n + row_number() OVER (PARTITION BY owner ORDER BY effective, created_at, id) AS turn
        FROM aged
    ),
    next AS (
        SELECT id FROM turns WHERE turn <= claim_jobs.owner_cap
        ORDER BY effective, turn, created_at, id
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
