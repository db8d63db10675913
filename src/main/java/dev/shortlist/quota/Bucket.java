package dev.shortlist.quota;

import java.time.Duration;

/**
 * A token bucket's answer: whether the request got a token, the whole tokens left, how
 * long until the next token (when none is left) and until the bucket is full again.
 */
record Bucket(boolean allowed, long remaining, Duration untilToken, Duration untilFull) {

    /** Whole seconds, rounded up, as the HTTP headers want them. */
    static long seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
