package dev.shortlist.engine;

import java.time.Instant;

/**
 * The job cannot run yet and has not failed: the model is unavailable, the LLM quota is used
 * up, or identical work is in flight elsewhere. It goes back to the queue until
 * {@code runAfter} without spending an attempt; {@code waitingFor} is what its view shows
 * meanwhile ({@code model}, {@code llm-quota}, {@code identical-work}).
 */
public class JobDeferred extends RuntimeException {

    public static final String MODEL = "model";
    public static final String QUOTA = "llm-quota";
    public static final String IDENTICAL_WORK = "identical-work";

    private final Instant runAfter;
    private final String reason;
    private final String waitingFor;

    public JobDeferred(Instant runAfter, String waitingFor, String reason) {
        super(reason + "; runs again after " + runAfter, null, false, false);
        this.runAfter = runAfter;
        this.reason = reason;
        this.waitingFor = waitingFor;
    }

    public Instant runAfter() {
        return runAfter;
    }

    public String reason() {
        return reason;
    }

    public String waitingFor() {
        return waitingFor;
    }
}
