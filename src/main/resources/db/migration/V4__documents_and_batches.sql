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
