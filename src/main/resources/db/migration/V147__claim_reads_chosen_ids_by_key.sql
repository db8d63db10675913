-- The fair claim of V145, made as cheap as the claim it replaced (figures: docs/performance.md).
--
-- V145 joined the chosen ids back to jobs with UPDATE ... FROM next. PL/pgSQL runs the
-- statement on a cached generic plan, where max_jobs is unknown and the planner expects
-- thousands of chosen rows: it hashed them and read the whole jobs table to find four,
-- 5 ms at 40,000 rows and growing with the table. The ids now go in as an array, which
-- always reads them through the primary key.
--
-- The same estimates (a few hundred thousand rows that are, in fact, a handful) made
-- PostgreSQL compile the statement to machine code on every call (JIT, about 30 ms); the
-- claim never does enough work to repay it, so it runs with jit off.
--
-- Measured with pgbench, one claim of 4 and one completion of 4 per transaction over a
-- 40,000-job backlog of one owner: V145 38 ms per claim (7 ms with jit off), this 0.86 ms,
-- V130's claim (no turns, no aging) 1.15 ms.

CREATE OR REPLACE FUNCTION claim_jobs(max_jobs integer, holder text, lease_seconds double precision, owner_cap integer,
                           at timestamptz, aging_seconds double precision DEFAULT 0)
RETURNS SETOF jobs
LANGUAGE plpgsql
SET jit = off
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
    WHERE j.id = ANY (ARRAY(SELECT id FROM next)) AND j.status = 'queued'
    RETURNING j.*;
END
$$;
