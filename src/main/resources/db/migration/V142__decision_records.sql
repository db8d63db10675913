-- A recruiter's decision on a candidate of a batch (advance or reject, with a reason), exported
-- with the batch's decision records for an auditor. Deleted with the job.
CREATE TABLE job_decisions (
    job_id      uuid        PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    batch_id    uuid        NOT NULL,
    decision    text        NOT NULL CHECK (decision IN ('advance', 'reject')),
    reason      text,
    decided_by  text        NOT NULL,
    decided_at  timestamptz NOT NULL
);
CREATE INDEX job_decisions_by_batch ON job_decisions (batch_id);

-- What a candidate's erasure keeps of each decision record: the non-personal fields (score,
-- engine and versions, weights, blind flag, the decision and when), never the resume, the
-- evidence, the external id or the reason. Deleted with the batch (by its owner, or by retention).
CREATE TABLE erased_decision_records (
    job_id          uuid        PRIMARY KEY,
    batch_id        uuid        NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    owner           text        NOT NULL,
    type            text        NOT NULL,
    engine          text,
    model           text,
    prompt_version  text,
    weights         jsonb,
    blind           boolean     NOT NULL,
    score           integer,
    recommendation  text,
    decision        text,
    decided_at      timestamptz,
    erased_at       timestamptz NOT NULL
);
CREATE INDEX erased_decision_records_by_batch ON erased_decision_records (batch_id);
