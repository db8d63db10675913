package dev.shortlist.engine;

import java.time.Instant;

/**
 * The job cannot run yet and has not failed: the LLM quota is used up, or identical work
 * is in flight elsewhere. It goes back to the queue until {@code runAfter} without spending an attempt.
 */
public class JobDeferred extends RuntimeException {

    private final Instant runAfter;
    private final String reason;

    public JobDeferred(Instant runAfter, String reason) {
        super(reason + "; runs again after " + runAfter, null, false, false);
        this.runAfter = runAfter;
        this.reason = reason;
    }

    public Instant runAfter() {
        return runAfter;
    }

    public String reason() {
        return reason;
    }
}
