package dev.shortlist.platform.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Request rate limits per API key and route class (a per-minute bucket, hourly and daily
 * windows) and per client address, the brute-force limit on failed authentication per
 * client address, hourly document and resume quotas and daily job quotas per key. Each key may carry
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

    /** Job and batch submissions per key per hour (fixed UTC hours), beside the per-minute bucket. Default 1000. */
    @WithDefault("1000")
    int submitPerHour();

    /** Job and batch submissions per key per UTC day. Default 10000. */
    @WithDefault("10000")
    int submitPerDay();

    /** Reads per key per hour: a dashboard polling every two seconds all day stays under it. Default 5000. */
    @WithDefault("5000")
    int readPerHour();

    /** Reads per key per UTC day. Default 100000. */
    @WithDefault("100000")
    int readPerDay();

    /** Document upload requests per key per hour. Default 600. */
    @WithDefault("600")
    int uploadPerHour();

    /** Document upload requests per key per UTC day. Default 5000. */
    @WithDefault("5000")
    int uploadPerDay();

    /**
     * Requests per client address, all keys from it together: one client cannot multiply its
     * share by creating keys. The address is the peer's, or the one a trusted proxy reports
     * ({@code quarkus.http.proxy.*}).
     */
    AddressLimits address();

    /** Limits per client address, per route class and window. */
    interface AddressLimits {

        /** Default 3000. */
        @WithDefault("3000")
        int submitPerHour();

        /** Default 30000. */
        @WithDefault("30000")
        int submitPerDay();

        /** Default 20000. */
        @WithDefault("20000")
        int readPerHour();

        /** Default 300000. */
        @WithDefault("300000")
        int readPerDay();

        /** Default 2000. */
        @WithDefault("2000")
        int uploadPerHour();

        /** Default 20000. */
        @WithDefault("20000")
        int uploadPerDay();
    }

    /**
     * Documents a key may store per hour, each file of a bulk upload counted; a file the key
     * had already uploaded is not stored again and does not count. Default 2000.
     */
    @WithDefault("2000")
    int documentsPerHour();

    /** Resumes a key may submit in batches per hour, each resume one unit; a larger batch is refused whole. Default 10000. */
    @WithDefault("10000")
    int resumesPerHour();

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

    /** The key's limit of {@code routeClass} requests in {@code window}: its own, else the default. */
    default int perWindow(RouteClass routeClass, Window window, KeyLimits key) {
        Integer own = key.perWindow(routeClass, window);
        if (own != null) {
            return own;
        }
        boolean hour = window == Window.PER_HOUR;
        return switch (routeClass) {
            case SUBMIT -> hour ? submitPerHour() : submitPerDay();
            case READ -> hour ? readPerHour() : readPerDay();
            case UPLOAD -> hour ? uploadPerHour() : uploadPerDay();
        };
    }

    /** The limit of {@code routeClass} requests in {@code window} from one client address. */
    default int perAddress(RouteClass routeClass, Window window) {
        boolean hour = window == Window.PER_HOUR;
        return switch (routeClass) {
            case SUBMIT -> hour ? address().submitPerHour() : address().submitPerDay();
            case READ -> hour ? address().readPerHour() : address().readPerDay();
            case UPLOAD -> hour ? address().uploadPerHour() : address().uploadPerDay();
        };
    }

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
