-- Job postings kept once and referenced by id from jobs and batches. The text is read
-- once, at creation: the local engine's requirements and BM25 terms (reading) and the
-- posting's embeddings are stored with it, with the engine version that made them, so
-- later jobs reuse them instead of reading the text again. Jobs copy the text into their
-- own input, so deleting a posting never changes a job.
CREATE TABLE postings (
    id           uuid        PRIMARY KEY,
    owner        text        NOT NULL,
    title        text,
    -- the client's own id for the posting (a requisition id); not unique
    external_id  text,
    -- the uploaded document the text came from; no foreign key, as the document may go first
    document_id  uuid,
    text         text        NOT NULL,
    reading      jsonb       NOT NULL,
    embeddings   bytea       NOT NULL,
    read_by      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT posting_text_not_empty CHECK (length(text) > 0)
);

-- An owner's postings, newest first (listings and their cursor); the retention purge walks by age.
CREATE INDEX postings_owner_created_idx ON postings (owner, created_at DESC, id DESC);
CREATE INDEX postings_created_idx ON postings (created_at);

-- Idempotency-Key on batches, as on jobs: unique per owner, so concurrent retries create one
-- batch; the request's hash tells a retry from a different request under the same key.
ALTER TABLE batches ADD COLUMN idempotency_key text;
ALTER TABLE batches ADD COLUMN request_hash text;
CREATE UNIQUE INDEX batches_owner_idempotency_key_idx ON batches (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
