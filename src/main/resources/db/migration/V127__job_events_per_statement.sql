-- Job changes are announced once per statement instead of once per row: a statement that
-- completes or claims many jobs (the pipeline groups them) sends one notification per
-- hundred changed jobs, each payload one "<id> <status> <progress>" line per job, so
-- PostgreSQL queues and every listening replica reads a few notifications, not one a job.
-- A statement-level trigger with transition tables cannot name columns, so it sees every
-- UPDATE of jobs and keeps only the rows whose status or progress changed.
CREATE FUNCTION jobs_announce_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    payload text;
BEGIN
    FOR payload IN
        SELECT string_agg(changed.line, E'\n')
        FROM (SELECT n.id || ' ' || n.status || ' ' || n.progress AS line, (row_number() OVER () - 1) / 100 AS part
              FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE o.status IS DISTINCT FROM n.status OR o.progress IS DISTINCT FROM n.progress) AS changed
        GROUP BY changed.part
    LOOP
        PERFORM pg_notify('shortlist_job_events', payload);
    END LOOP;
    RETURN NULL;
END;
$$;

DROP TRIGGER jobs_announce_change ON jobs;
DROP FUNCTION jobs_announce_change();

CREATE TRIGGER jobs_announce_changes
    AFTER UPDATE ON jobs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION jobs_announce_changes();
