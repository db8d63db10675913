-- One row per job. The row is the job: it exists once this insert commits, and every
-- state change is a guarded UPDATE of it, so a crash can lose no accepted work.
CREATE TABLE jobs (
    id               uuid        PRIMARY KEY,
    -- kept near the top for operators reading rows by hand
    status           text        NOT NULL DEFAULT 'queued',
    type             text        NOT NULL,
    owner            text        NOT NULL,
    -- 0 = critical ... 4 = bulk, so the claim can order by it directly
    priority         smallint    NOT NULL DEFAULT 2,
    batch_id         uuid,
    -- the job's input as submitted (texts or document references), and the SHA-256 of
    -- its normalised form, which the result cache and idempotency checks key on
    input            jsonb       NOT NULL,
    input_hash       text        NOT NULL,
    idempotency_key  text,
    progress         smallint    NOT NULL DEFAULT 0,
    attempts         integer     NOT NULL DEFAULT 0,
    max_attempts     integer     NOT NULL DEFAULT 5,
    -- a queued job is not claimed before this instant (retry backoff, quota waits)
    run_after        timestamptz NOT NULL DEFAULT now(),
    -- which pipeline instance holds a running job, and until when; an expired lease
    -- means the holder died and the rescuer may re-queue the job
    lease_owner      text,
    lease_expires_at timestamptz,
    result           jsonb,
    -- {code, message, retryable} of the last failure
    error            jsonb,
    cache_hit        boolean     NOT NULL DEFAULT false,
    llm_engine       text,
    llm_model        text,
    tokens_in        integer     NOT NULL DEFAULT 0,
    tokens_out       integer     NOT NULL DEFAULT 0,
    cost_usd         numeric(14, 6) NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT status_is_known       CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    CONSTRAINT type_is_known         CHECK (type IN ('score', 'tailor', 'generate')),
    CONSTRAINT priority_in_range     CHECK (priority BETWEEN 0 AND 4),
    CONSTRAINT progress_in_range     CHECK (progress BETWEEN 0 AND 100),
    CONSTRAINT max_attempts_positive CHECK (max_attempts > 0),
    CONSTRAINT attempts_within_max   CHECK (attempts BETWEEN 0 AND max_attempts),
    CONSTRAINT finished_at_set_iff_terminal
        CHECK ((status IN ('succeeded', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
    CONSTRAINT lease_only_while_running
        CHECK (status = 'running' OR (lease_owner IS NULL AND lease_expires_at IS NULL)),
    CONSTRAINT result_only_when_succeeded CHECK (result IS NULL OR status = 'succeeded')
);

-- The claim: queued jobs in the claim's ORDER BY (priority, then age); run_after is
-- filtered while walking the index.
CREATE INDEX jobs_claim_idx ON jobs (priority, created_at, id) WHERE status = 'queued';

-- The rescuer: running jobs by lease expiry.
CREATE INDEX jobs_lease_expiry_idx ON jobs (lease_expires_at) WHERE status = 'running';

-- An owner's jobs, newest first (listings and their cursor).
CREATE INDEX jobs_owner_created_idx ON jobs (owner, created_at DESC, id DESC);

-- A batch's children.
CREATE INDEX jobs_batch_idx ON jobs (batch_id) WHERE batch_id IS NOT NULL;

-- Idempotency-Key is unique per owner.
CREATE UNIQUE INDEX jobs_owner_idempotency_key_idx ON jobs (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
