package dev.shortlist.notifications;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the delay doubles from {@code initial} up to
 * {@code max}, plus up to a fifth of jitter so receivers coming back are not stampeded.
 * With 5s and 1h: about 5s, 10s, 20s, 40s, ... 1h, 1h.
 */
record Backoff(Duration initial, Duration max) {

    Duration after(int attempt) {
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
    }
}
