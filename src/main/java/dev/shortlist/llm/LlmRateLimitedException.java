package dev.shortlist.llm;

import java.time.Duration;

/**
 * The model endpoint answered 429: it is up and asks us to slow down. Retried after its
 * {@code Retry-After} like any unavailability, but it never counts towards opening the
 * circuit breaker: a rate limit is not an outage.
 */
public class LlmRateLimitedException extends LlmUnavailableException {

    public LlmRateLimitedException(String message, Duration retryAfter) {
        super("llm_rate_limited", message, retryAfter, null);
    }
}
