-- Per-key limits: rate limits per route class and daily job quotas that override the
-- configured defaults for one key, e.g. {"submitPerMinute": 3, "jobsPerDayByType": {"tailor": 5}}.
-- NULL = the defaults.
ALTER TABLE api_keys ADD COLUMN limits jsonb;

-- What security cares to remember: failed authentication, rate-limit and quota refusals,
-- admin actions, prompt-injection flags. Written off the request path; read newest first.
CREATE TABLE audit_events (
    id         uuid        PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    kind       text        NOT NULL,
    -- the key (owner) involved, when there is one
    owner      text,
    client_ip  text,
    detail     jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_events_newest ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_kind_newest ON audit_events (kind, at DESC, id DESC);
