-- Jobs by the time they ended: the admin status reads throughput and latency of the
-- last 1, 5 and 15 minutes, and the dead-letter listing filters failed jobs by time.
CREATE INDEX jobs_finished_at_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;
