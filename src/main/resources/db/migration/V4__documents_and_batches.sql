-- Uploaded resumes, kept as their extracted text. Content-addressed per owner: the same
-- file uploaded twice by one owner is one document.
CREATE TABLE documents (
    id          uuid        PRIMARY KEY,
    owner       text        NOT NULL,
    sha256      text        NOT NULL,
    media_type  text        NOT NULL,
    file_name   text,
    size_bytes  bigint      NOT NULL,
    -- null where the format has no pages (text, Markdown) or does not say (some DOCX)
    pages       integer,
    characters  integer     NOT NULL,
    text        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT size_positive       CHECK (size_bytes > 0),
    CONSTRAINT text_not_empty      CHECK (characters > 0),
    CONSTRAINT one_copy_per_owner  UNIQUE (owner, sha256)
);

-- A batch: one job description scored (or tailored) against many resumes, one child job
-- per resume. Its progress and counts are read from the children, never stored twice.
CREATE TABLE batches (
    id              uuid        PRIMARY KEY,
    owner           text        NOT NULL,
    type            text        NOT NULL,
    priority        smallint    NOT NULL,
    -- the job description and options, as given (each child's input carries them too)
    input           jsonb       NOT NULL,
    total           integer     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    cancelled_at    timestamptz,

    CONSTRAINT batch_type_is_known     CHECK (type IN ('score', 'tailor')),
    CONSTRAINT batch_priority_in_range CHECK (priority BETWEEN 0 AND 4),
    CONSTRAINT batch_total_positive    CHECK (total > 0)
);

CREATE INDEX batches_owner_created_idx ON batches (owner, created_at DESC, id DESC);

-- The caller's own id for a batch's resume (a candidate or application id), shown in the shortlist.
ALTER TABLE jobs ADD COLUMN external_id text;
ALTER TABLE jobs ADD CONSTRAINT jobs_batch_fk FOREIGN KEY (batch_id) REFERENCES batches (id);
