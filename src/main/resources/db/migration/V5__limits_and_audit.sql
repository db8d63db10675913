-- Per-key limits: overrides of the configured rate limits and daily quotas, e.g.
-- {"submitPerMinute": 5, "jobsPerDay": 100, "jobsPerDayByType": {"tailor": 5}}. Null = the defaults.
ALTER TABLE api_keys ADD COLUMN limits jsonb;

-- Security events: failed authentication, refusals by rate limit or quota, admin actions,
-- prompt-injection flags. Written after the fact, never in the way of a request.
CREATE TABLE audit_events (
    id         bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    kind       text        NOT NULL,
    owner      text,
    client_ip  text,
    detail     jsonb       NOT NULL DEFAULT '{}'
);
-- Newest first, all kinds or one.
CREATE INDEX audit_events_by_kind ON audit_events (kind, id DESC);
