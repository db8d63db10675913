-- Email on batch completion: the addresses given with the batch, and an outbox of one
-- message per address. The delivery loop finds batches whose last child ended and, in one
-- statement, marks them queued and writes their outbox rows, so a completion that
-- committed is emailed whatever crashes after (as batch.completed webhooks are found).
ALTER TABLE batches ADD COLUMN notify_email text[];
-- set when the batch's outbox rows were written: each batch is queued once
ALTER TABLE batches ADD COLUMN email_queued_at timestamptz;
-- serves the delivery loop's search for batches that asked for email and are not yet queued
CREATE INDEX batches_email_pending_idx ON batches (created_at)
    WHERE notify_email IS NOT NULL AND email_queued_at IS NULL;

CREATE TABLE batch_emails (
    -- also the message's Message-ID, the same for every attempt, so a mail client can drop a repeat
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    batch_id        uuid        NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    recipient       text        NOT NULL,
    created_at      timestamptz NOT NULL,
    -- while an attempt runs, the end of its lease: a replica that died leaves the email due again
    next_attempt_at timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    sent_at         timestamptz,
    -- set when the server refused the address for good, or retries ran out (24 hours by default)
    gave_up_at      timestamptz,
    last_error      text,

    CONSTRAINT one_email_per_recipient   UNIQUE (batch_id, recipient),
    CONSTRAINT sent_or_given_up_not_both CHECK (sent_at IS NULL OR gave_up_at IS NULL)
);
-- serves the claim: unsent emails in the order they fall due
CREATE INDEX batch_emails_due_idx ON batch_emails (next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;
