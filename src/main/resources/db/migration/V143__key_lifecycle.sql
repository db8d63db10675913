-- A key's lifecycle: an expiry date, rotation (the replaced secret keeps working until
-- previous_valid_until, so clients can switch over), and when the key was last used
-- (written at most once a minute per key and replica, not per request).
ALTER TABLE api_keys
    ADD COLUMN expires_at timestamptz,
    ADD COLUMN last_used_at timestamptz,
    ADD COLUMN previous_key_hash text,
    ADD COLUMN previous_valid_until timestamptz;

CREATE UNIQUE INDEX api_keys_previous_key_hash ON api_keys (previous_key_hash) WHERE previous_key_hash IS NOT NULL;
