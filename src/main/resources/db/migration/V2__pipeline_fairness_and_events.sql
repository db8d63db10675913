-- Running jobs by owner: the claim counts them to hold the per-owner running cap.
CREATE INDEX jobs_owner_running_idx ON jobs (owner) WHERE status = 'running';

-- Queued jobs by owner: submit counts them to hold the per-owner queued cap.
CREATE INDEX jobs_owner_queued_idx ON jobs (owner) WHERE status = 'queued';

-- Listings filtered by status or type, newest first.
CREATE INDEX jobs_owner_status_created_idx ON jobs (owner, status, created_at DESC, id DESC);

-- Every change of a job's status or progress is announced on 'shortlist_job_events' as
-- "<id> <status> <progress>". Any replica may run a job; this is how every other replica
-- learns of it: live event streams follow it, and a running job's holder sees it
-- cancelled. One trigger covers every writer (pipeline, cancel, rescuer, batches).
CREATE FUNCTION jobs_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shortlist_job_events', NEW.id || ' ' || NEW.status || ' ' || NEW.progress);
    RETURN NULL;
END;
$$;

CREATE TRIGGER jobs_announce_change
    AFTER UPDATE OF status, progress ON jobs
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.progress IS DISTINCT FROM NEW.progress)
    EXECUTE FUNCTION jobs_announce_change();
