package dev.shortlist.jobs;

import java.time.Duration;

/** The caller has as many queued jobs as it may; it should submit again later. */
public class QueueFullException extends RuntimeException {

    private final int cap;
    private final Duration retryAfter;

    public QueueFullException(int cap, Duration retryAfter) {
        super("You have " + cap + " queued jobs, the most allowed; submit again when some have run");
        this.cap = cap;
        this.retryAfter = retryAfter;
    }

    public int cap() {
        return cap;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
