-- Two-stage batches: the local engine ranks every resume, then the remote model re-scores
-- the best few. rescore_top is how many; rescore_started_at marks the second stage begun
-- (its jobs inserted), so exactly one replica starts it.
ALTER TABLE batches ADD COLUMN rescore_top integer;
ALTER TABLE batches ADD COLUMN rescore_started_at timestamptz;
ALTER TABLE batches ADD CONSTRAINT batch_rescore_top_in_range CHECK (rescore_top BETWEEN 1 AND 1000);

-- The batches whose second stage is still to start: what the launcher looks through.
CREATE INDEX batches_rescore_due_idx ON batches (created_at) WHERE rescore_top IS NOT NULL AND rescore_started_at IS NULL;

-- A second-stage job names the first-stage job whose resume it re-scores.
ALTER TABLE jobs ADD COLUMN rescore_of uuid;
