package dev.shortlist.platform.quota;

import dev.shortlist.platform.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request refused by a rate limit: the caller should wait {@code allowance.retryAfter()}. */
public class RateLimitedException extends ProblemException {

    private final Allowance allowance;
    private final String limit;

    public RateLimitedException(String message, Allowance allowance) {
        this(null, message, allowance);
    }

    /** Refused by the limit named {@code limit} ({@code per-hour}, {@code documents-per-hour}...), named in the problem too. */
    public RateLimitedException(String limit, String message, Allowance allowance) {
        super(429, "rate-limited", "Too many requests", message);
        this.allowance = allowance;
        this.limit = limit;
    }

    @Override
    public String limitName() {
        return limit;
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
