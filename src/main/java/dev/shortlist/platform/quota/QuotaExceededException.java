package dev.shortlist.platform.quota;

import dev.shortlist.platform.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Jobs refused because they would exceed a daily quota; it resets at {@code resetAt}. */
public class QuotaExceededException extends ProblemException {

    private final Instant resetAt;

    public QuotaExceededException(String quota, int limit, Instant resetAt) {
        super(429, "quota-exceeded", "Daily quota used up",
                "the daily quota " + quota + " (" + limit + " jobs) would be exceeded; it resets at " + resetAt);
        this.resetAt = resetAt;
    }

    @Override
    public Map<String, String> headers() {
        long seconds = Math.max(1, Duration.between(Instant.now(), resetAt).toSeconds() + 1);
        return Map.of("Retry-After", String.valueOf(seconds));
    }
}
