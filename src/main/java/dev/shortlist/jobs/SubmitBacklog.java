package dev.shortlist.jobs;

import java.time.Duration;

/**
 * Submits waiting for the statement that inserts them. Readiness reads it: submits that
 * wait are submits the database does not take.
 */
public interface SubmitBacklog {

    /** How long the oldest submit has been waiting for its statement; zero when none waits. */
    Duration oldestWait();
}
