package dev.shortlist.quota;

import java.time.Instant;
import java.util.List;

/**
 * A caller's limits and how much of each is used: the per-minute rate limits
 * ({@code resetAt} = when the bucket is full again) and the daily job quotas
 * ({@code resetAt} = the next UTC midnight).
 */
public record Usage(List<RateLimit> rateLimits, List<Quota> quotas) {

    /** One route class's bucket: {@code limit} requests per minute. */
    public record RateLimit(String routeClass, int limit, long used, long remaining, Instant resetAt) {
    }

    /** One daily quota: all jobs ({@code jobType} null) or the jobs of one type. */
    public record Quota(String name, String jobType, long limit, long used, long remaining, Instant resetAt) {
    }
}
