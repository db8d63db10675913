package dev.shortlist.platform.quota;

import java.time.Duration;

/**
 * A fixed window of the clock, aligned to UTC (an hour starts on the hour, a day at
 * midnight): a count kept in it is forgotten when it ends. Cheaper than a rolling window
 * (one counter per window), at the price of allowing up to twice the limit across a
 * boundary, which is fine for limits this long.
 */
public enum Window {
    PER_HOUR("per-hour", Duration.ofHours(1)),
    PER_DAY("per-day", Duration.ofDays(1));

    private final String wireName;
    private final long lengthMs;

    Window(String wireName, Duration length) {
        this.wireName = wireName;
        this.lengthMs = length.toMillis();
    }

    /** The name clients see in problems and in the usage answer. */
    public String wireName() {
        return wireName;
    }

    /** The number of the window that holds {@code epochMs}, part of its counter's key. */
    long number(long epochMs) {
        return epochMs / lengthMs;
    }

    /** When the window that holds {@code epochMs} ends, in epoch ms. */
    long endsAt(long epochMs) {
        return (number(epochMs) + 1) * lengthMs;
    }
}
