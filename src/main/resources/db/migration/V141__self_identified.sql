-- Categories a candidate chose to self-identify (EEO-1 sex and race/ethnicity, or "declined"),
-- for a batch's adverse-impact report. Kept apart from the job's input so that no engine or
-- model ever gets them; deleted with the job (a deleted batch, an erased candidate, a purge).
CREATE TABLE self_identified (
    job_id          uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    batch_id        uuid NOT NULL,
    sex             text NOT NULL,
    race_ethnicity  text NOT NULL
);
CREATE INDEX self_identified_by_batch ON self_identified (batch_id);
