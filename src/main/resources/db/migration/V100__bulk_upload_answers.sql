-- The answer to each bulk upload sent with an Idempotency-Key, so that a retry of the
-- same request gets the first answer and stores nothing new. A row without an answer is
-- a request still being worked on (a concurrent retry is told to wait). Rows live for
-- shortlist.documents.bulk.idempotency-window; the owner's expired rows are deleted at
-- its next keyed bulk upload.
CREATE TABLE bulk_upload_answers (
    owner            text        NOT NULL,
    idempotency_key  text        NOT NULL,
    -- SHA-256 over the request's fields and each file's name, type and bytes
    request_sha256   text        NOT NULL,
    -- the answer as sent: HTTP status, Location (when a batch started) and body
    status           smallint,
    location         text,
    answer           jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),

    PRIMARY KEY (owner, idempotency_key),
    CONSTRAINT answered_whole CHECK ((status IS NULL) = (answer IS NULL))
);

-- Serves the delete of one owner's expired answers.
CREATE INDEX bulk_upload_answers_expiry_idx ON bulk_upload_answers (owner, created_at);
