package dev.shortlist.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * Per-key rate limits and daily job quotas, and the per-IP limit on failed authentication.
 * A key may carry its own values (set when an admin creates it) instead of these defaults.
 * Counted in Redis, shared by every replica; while Redis is unavailable each replica counts
 * in memory against the same limits, so N replicas may together allow up to N times a limit:
 * never unlimited, never refusing everything.
 */
@ConfigMapping(prefix = "shortlist.limits")
public interface LimitsConfig {

    /** Job and batch submits (POST /api/v1/jobs, /api/v1/batches) per key per minute. Default 30. */
    @WithDefault("30")
    int submitPerMinute();

    /** Document uploads (POST /api/v1/documents) per key per minute. Default 20. */
    @WithDefault("20")
    int uploadPerMinute();

    /** Every other /api/v1 request per key per minute. Default 100. */
    @WithDefault("100")
    int readPerMinute();

    /** Failed authentications per client IP per minute; past it the IP gets 429 before its key is even looked at. Default 10. */
    @WithDefault("10")
    int failedAuthenticationsPerMinute();

    /** Jobs per key per UTC day; each child of a batch counts. Default 10000. */
    @WithDefault("10000")
    int jobsPerDay();

    /** Jobs per key per UTC day of one type, e.g. {@code shortlist.limits.jobs-per-day-by-type.tailor=5}. Default: none. */
    Map<String, Integer> jobsPerDayByType();

    /** The period a per-minute limit refills over; a bucket refills its whole limit over it. Default 60s. */
    @WithDefault("60s")
    Duration minute();
}
