-- Webhooks: endpoints a key registers, and an outbox of events to deliver to them. Job
-- events are written by a trigger in the very transaction that finishes the job, so an
-- event exists exactly when the change it announces committed, whatever crashes after.
CREATE TABLE webhook_endpoints (
    id          uuid        PRIMARY KEY,
    owner       text        NOT NULL,
    url         text        NOT NULL,
    -- the signing secret (Standard Webhooks: "whsec_" + base64 of the key)
    secret      text        NOT NULL,
    events      text[]      NOT NULL,
    -- optional scope: only this batch's or this job's events
    batch_id    uuid,
    job_id      uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT webhook_events_known CHECK (events <@ ARRAY['job.succeeded', 'job.failed', 'batch.completed']::text[]
                                           AND cardinality(events) > 0)
);
CREATE INDEX webhook_endpoints_owner_idx ON webhook_endpoints (owner);

CREATE TABLE webhook_outbox (
    -- the webhook-id header: the same for every retry of one event, so receivers can deduplicate
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event           text        NOT NULL,
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    delivered_at    timestamptz,
    -- set when retries ran out (24 hours by default)
    gave_up_at      timestamptz
);
CREATE INDEX webhook_outbox_due_idx ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;

-- Every attempt, for the endpoint's delivery log.
CREATE TABLE webhook_deliveries (
    id           bigserial   PRIMARY KEY,
    outbox_id    uuid        NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
    endpoint_id  uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL DEFAULT now(),
    attempt      integer     NOT NULL,
    status_code  integer,
    error        text,
    duration_ms  integer     NOT NULL
);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC);

CREATE FUNCTION jobs_webhook_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_outbox (endpoint_id, event, payload)
    SELECT e.id, 'job.' || NEW.status, jsonb_build_object(
               'type', 'job.' || NEW.status,
               'timestamp', to_char(coalesce(NEW.finished_at, now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'data', jsonb_strip_nulls(jsonb_build_object(
                   'jobId', NEW.id, 'jobType', NEW.type, 'status', NEW.status, 'batchId', NEW.batch_id,
                   'externalId', NEW.external_id, 'score', NEW.result->'score',
                   'recommendation', NEW.result->'recommendation', 'error', NEW.error->'code')))
    FROM webhook_endpoints e
    WHERE e.owner = NEW.owner
      AND ('job.' || NEW.status) = ANY (e.events)
      AND (e.batch_id IS NULL OR e.batch_id = NEW.batch_id)
      AND (e.job_id IS NULL OR e.job_id = NEW.id);
    RETURN NULL;
END;
$$;

-- Jobs finish by an UPDATE, or at insert when the result cache answered them.
CREATE TRIGGER jobs_webhook_events_on_finish
    AFTER UPDATE OF status ON jobs
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status IN ('succeeded', 'failed'))
    EXECUTE FUNCTION jobs_webhook_events();
CREATE TRIGGER jobs_webhook_events_on_insert
    AFTER INSERT ON jobs
    FOR EACH ROW
    WHEN (NEW.status IN ('succeeded', 'failed'))
    EXECUTE FUNCTION jobs_webhook_events();

-- batch.completed is found by the delivery loop (the last of many concurrent job
-- completions cannot see that it is the last); this marks the batches already announced.
ALTER TABLE batches ADD COLUMN completion_announced_at timestamptz;
CREATE INDEX batches_unannounced_idx ON batches (created_at) WHERE completion_announced_at IS NULL;
