package dev.shortlist.quota;

import java.time.Instant;

/** Jobs refused because they would exceed a daily quota; it resets at {@code resetAt}. */
public class QuotaExceededException extends RuntimeException {

    private final int limit;
    private final Instant resetAt;

    public QuotaExceededException(String quota, int limit, Instant resetAt) {
        super("the daily quota " + quota + " (" + limit + " jobs) would be exceeded; it resets at " + resetAt, null, false, false);
        this.limit = limit;
        this.resetAt = resetAt;
    }

    public int limit() {
        return limit;
    }

    public Instant resetAt() {
        return resetAt;
    }
}
