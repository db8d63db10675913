package dev.shortlist.jobs;

/** What a job's handler tells as it reaches each stage of its work (see {@link JobStage}). */
@FunctionalInterface
public interface JobProgress {

    /** Tells nobody: for work done outside the pipeline. */
    JobProgress NONE = stage -> { };

    void reached(JobStage stage);
}
