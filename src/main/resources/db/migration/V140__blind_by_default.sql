-- A key whose jobs and batches screen blind unless they say otherwise ("options": {"blind": false}),
-- set by an admin: a team that screens blind need not rely on every integration sending the option.
ALTER TABLE api_keys ADD COLUMN blind_by_default boolean NOT NULL DEFAULT false;
