package dev.shortlist.quota;

import dev.shortlist.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request refused by a rate limit: the caller should wait {@code allowance.retryAfter()}. */
public class RateLimitedException extends ProblemException {

    private final Allowance allowance;

    public RateLimitedException(String message, Allowance allowance) {
        super(429, "rate-limited", "Too many requests", message);
        this.allowance = allowance;
    }

    public Allowance allowance() {
        return allowance;
    }

    /** Where the caller stands, and when to come back. */
    @Override
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>(allowance.headers());
        headers.put("Retry-After", String.valueOf(Math.max(1, Allowance.seconds(allowance.retryAfter()))));
        return headers;
    }
}
