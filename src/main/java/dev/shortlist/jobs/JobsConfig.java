package dev.shortlist.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what a job may carry and how often it may be tried. */
@ConfigMapping(prefix = "shortlist.jobs")
public interface JobsConfig {

    /** How many times a job is tried before it fails for good. Default 5. */
    @WithDefault("5")
    int maxAttempts();

    /** Longest resume text accepted, in characters. Default 100000 (about 30 pages). */
    @WithDefault("100000")
    int resumeMaxChars();

    /** Longest job description accepted, in characters. Default 50000. */
    @WithDefault("50000")
    int jobDescriptionMaxChars();

    /**
     * Most jobs one owner may have queued; beyond it, submit answers 429. Default 20000
     * (two full batches).
     */
    @WithDefault("20000")
    int ownerQueuedCap();

    /** Longest Idempotency-Key accepted. Default 200. */
    @WithDefault("200")
    int idempotencyKeyMaxChars();

    /** How often the jobs watched by event streams and long polls are re-read, all together, in case an announcement was missed. Default 5s. */
    @WithDefault("5s")
    java.time.Duration eventsSafetyPoll();

    /**
     * Most submits written by one INSERT: concurrent submits share a statement and a
     * commit (see SubmitInserts). Default 500.
     */
    @WithDefault("500")
    int submitInsertMaxRows();

    /**
     * Submit inserts on their way at once per replica; submits arriving meanwhile wait for
     * the next one and share it. Default 2: one commit overlaps the next statement.
     */
    @WithDefault("2")
    int submitInsertsInFlight();
}
