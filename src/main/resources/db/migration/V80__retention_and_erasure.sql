-- Retention: how long finished jobs, documents and audit events are kept, per key where
-- an admin has set it (otherwise shortlist.retention.* applies).
CREATE TABLE retention_overrides (
    owner       text        PRIMARY KEY,
    days        integer     NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT retention_days_positive CHECK (days > 0)
);

-- The purge walks finished jobs (by jobs_finished_at_idx of V60), documents and audit
-- events oldest first, a few hundred rows at a time; erasure finds a candidate's jobs by
-- the client's external id.
CREATE INDEX jobs_external_id_idx ON jobs (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX documents_created_idx ON documents (created_at);
CREATE INDEX audit_events_at_idx ON audit_events (at);
