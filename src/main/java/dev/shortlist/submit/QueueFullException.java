package dev.shortlist.submit;

import dev.shortlist.platform.problem.ProblemException;
import java.time.Duration;
import java.util.Map;

/** The caller has as many queued jobs as it may; it should submit again later. */
public class QueueFullException extends ProblemException {

    private final Duration retryAfter;

    public QueueFullException(int cap, Duration retryAfter) {
        super(429, "queue-full", "Too many queued jobs", "You have " + cap + " queued jobs, the most allowed; submit again when some have run");
        this.retryAfter = retryAfter;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", String.valueOf(retryAfter.toSeconds()));
    }
}
