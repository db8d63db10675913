-- Dead letters: failed jobs an operator may replay. replays counts how often a job was
-- re-queued by a replay (each one after a failure), so the failures of one input are
-- the sum of (1 + replays) over its failed jobs. An input that failed the same way too
-- often is quarantined: its job stays failed and replays skip it.
ALTER TABLE jobs ADD COLUMN replays integer NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN quarantined_at timestamptz;

-- Failed jobs across tenants, newest first (the admin listing and replay filters).
CREATE INDEX jobs_failed_idx ON jobs (finished_at DESC, id DESC) WHERE status = 'failed';
-- The failures of one input, counted at replay.
CREATE INDEX jobs_failed_input_idx ON jobs (input_hash) WHERE status = 'failed';
