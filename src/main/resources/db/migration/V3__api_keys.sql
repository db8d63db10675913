-- API keys. A key is shown once, at creation; only its SHA-256 is kept (keys are 256-bit
-- random, so a fast hash is enough: there is nothing to brute-force). Each key is its own
-- owner: the jobs, batches and documents it creates are visible to it alone.
CREATE TABLE api_keys (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    -- the first characters of the key, so people can tell keys apart without the secret
    prefix      text        NOT NULL,
    key_hash    text        NOT NULL UNIQUE,
    role        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,

    CONSTRAINT role_is_known CHECK (role IN ('user', 'admin'))
);
