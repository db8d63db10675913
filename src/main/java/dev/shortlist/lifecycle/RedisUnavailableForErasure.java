package dev.shortlist.lifecycle;

import dev.shortlist.platform.problem.ProblemException;
import java.util.Map;

/**
 * Cached results could not be removed because Redis did not answer; nothing was deleted,
 * so the request can simply be repeated.
 */
public class RedisUnavailableForErasure extends ProblemException {

    public RedisUnavailableForErasure(Throwable cause) {
        super(503, "redis-unavailable", "Redis unavailable",
                "cached results could not be removed because Redis is unavailable; nothing was deleted, try again");
        initCause(cause);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "5");
    }
}
