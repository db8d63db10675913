package dev.shortlist.quota;

import java.time.Duration;

/**
 * The answer of a limit: whether the request may go, and what to tell the caller in the
 * {@code RateLimit-*} headers.
 *
 * @param limit      requests the bucket holds when full
 * @param remaining  requests left now
 * @param reset      until the bucket is full again
 * @param retryAfter until the next request is allowed; zero when this one was
 */
public record Allowance(boolean allowed, int limit, int remaining, Duration reset, Duration retryAfter) {

    /** Seconds for a header: rounded up, so a client that waits that long is never early. */
    public static long seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
