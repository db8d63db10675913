package dev.shortlist.quota;

/** A request refused by a rate limit: the caller should wait {@code allowance.retryAfter()}. */
public class RateLimitedException extends RuntimeException {

    private final Allowance allowance;

    public RateLimitedException(String message, Allowance allowance) {
        super(message, null, false, false);
        this.allowance = allowance;
    }

    public Allowance allowance() {
        return allowance;
    }
}
