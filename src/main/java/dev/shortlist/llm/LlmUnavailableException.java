package dev.shortlist.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * The remote model could not answer for a reason that may pass: rate limited, server
 * error, timeout, connection reset, circuit open. Retried, and counted by the circuit breaker.
 */
public class LlmUnavailableException extends LlmException {

    private final Duration retryAfter;

    public LlmUnavailableException(String code, String message, Duration retryAfter, Throwable cause) {
        super(code, message, true, cause);
        this.retryAfter = retryAfter;
    }

    public LlmUnavailableException(String code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    /** The wait the server asked for ({@code Retry-After}), if it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
