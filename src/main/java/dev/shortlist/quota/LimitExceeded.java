package dev.shortlist.quota;

import java.time.Duration;

/**
 * A rate limit or quota refused the request (429): {@code code} names which
 * ({@code rate-limited}, {@code quota-exceeded}), {@code retryAfter} says when to try again.
 */
public class LimitExceeded extends RuntimeException {

    private final String code;
    private final String title;
    private final Duration retryAfter;

    LimitExceeded(String code, String title, String detail, Duration retryAfter) {
        super(detail);
        this.code = code;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** Whole seconds, at least 1: "now" is never a useful answer to a refused client. */
    public long retryAfterSeconds() {
        return Math.max(1, Bucket.seconds(retryAfter));
    }
}
