package dev.shortlist.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Request rate limits per API key and route class, the brute-force limit on failed
 * authentication per client address, and daily job quotas per key. Each key may carry
 * its own values (see the admin key API); these are the defaults.
 */
@ConfigMapping(prefix = "shortlist.limits")
public interface LimitsConfig {

    /** Whether requests are rate limited at all. Default true. */
    @WithDefault("true")
    boolean enabled();

    /** Job and batch submissions per key per minute. Default 30. */
    @WithDefault("30")
    int submitPerMinute();

    /** Reads (job status, listings, results, events, usage) per key per minute. Default 100. */
    @WithDefault("100")
    int readPerMinute();

    /** Document uploads per key per minute. Default 20. */
    @WithDefault("20")
    int uploadPerMinute();

    /** Failed authentications per client address per minute before it gets 429s. Default 10. */
    @WithDefault("10")
    int authFailuresPerMinute();

    /** Jobs per key per day (UTC), batch resumes included. Default 10000. */
    @WithDefault("10000")
    int jobsPerDay();

    /** Jobs per key per day of one type, e.g. {@code shortlist.limits.jobs-per-day-by-type.tailor=500}. Default: none. */
    Map<String, Integer> jobsPerDayByType();

    /**
     * Largest body of a job submission, in bytes; batches and uploads have their own, larger
     * caps. Default 1048576 (1 MiB: a resume and a job description at their longest fit).
     */
    @WithDefault("1048576")
    long jobBodyMaxBytes();

    default int perMinute(RouteClass routeClass, KeyLimits key) {
        Integer own = switch (routeClass) {
            case SUBMIT -> key.submitPerMinute();
            case READ -> key.readPerMinute();
            case UPLOAD -> key.uploadPerMinute();
        };
        if (own != null) {
            return own;
        }
        return switch (routeClass) {
            case SUBMIT -> submitPerMinute();
            case READ -> readPerMinute();
            case UPLOAD -> uploadPerMinute();
        };
    }
}
