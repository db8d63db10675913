package dev.shortlist.platform.quota;

import java.time.Duration;
import java.util.Map;

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

    /** The {@code RateLimit-*} headers of this answer, on any response of a limited route (a 429 included). */
    public Map<String, String> headers() {
        return Map.of("RateLimit-Limit", String.valueOf(limit), "RateLimit-Remaining", String.valueOf(Math.max(0, remaining)),
                "RateLimit-Reset", String.valueOf(seconds(reset)));
    }

    /** Seconds for a header: rounded up, so a client that waits that long is never early. */
    public static long seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
