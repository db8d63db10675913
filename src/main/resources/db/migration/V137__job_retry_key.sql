-- The Idempotency-Key of the owner's last retry of the job: the same retry sent again answers
-- with the job as it stands instead of running it a second time. Cleared by an admin's replay.
ALTER TABLE jobs ADD COLUMN retry_key text;
