package dev.shortlist.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A job's place in its life: {@code queued → running → succeeded | failed | cancelled}.
 * A retryable failure or an expired lease moves a running job back to {@code queued}.
 */
public enum JobStatus {
    /** Waiting to be claimed; entered on submit, on retry and when the rescuer re-queues an expired lease. */
    QUEUED,
    /** Claimed by one pipeline instance, which holds its lease; left by completion, failure or cancel. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JobStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
