-- A queued job that waits for the model (outage, open circuit, quota) rather than for a
-- retry says so: what it waits for, and since when it has been waiting (kept across its
-- waits, so the local fallback and the job deadline can tell how long). Neither spends an attempt.
ALTER TABLE jobs ADD COLUMN waiting_for text;
ALTER TABLE jobs ADD COLUMN waiting_since timestamptz;
