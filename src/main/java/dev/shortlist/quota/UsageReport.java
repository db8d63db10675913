package dev.shortlist.quota;

import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What {@code GET /api/v1/usage} answers: each of the caller's limits, used and remaining. */
@ApplicationScoped
public class UsageReport {

    private final TokenBuckets buckets;
    private final DailyQuota quota;
    private final Limits limits;
    private final Clock clock;

    UsageReport(TokenBuckets buckets, DailyQuota quota, Limits limits, Clock clock) {
        this.buckets = buckets;
        this.quota = quota;
        this.limits = limits;
        this.clock = clock;
    }

    public Uni<Usage> of(Caller caller) {
        Map<String, Integer> typeLimits = limits.typeLimits(caller.limits());
        Uni<List<Usage.RateLimit>> rates = Uni.join().all(Arrays.stream(RouteClass.values()).map(route -> {
            int limit = limits.perMinute(route, caller.limits());
            return buckets.look(RateLimitFilter.bucketKey(route, caller), limit, limits.config().minute())
                    .map(bucket -> rateLimit(route, limit, bucket, clock.instant()));
        }).toList()).andFailFast();
        Uni<List<Usage.Quota>> quotas = quota.usedToday(caller, typeLimits.keySet()).map(used -> {
            Instant resetAt = quota.resetAt();
            List<Usage.Quota> all = new ArrayList<>();
            all.add(dailyQuota(null, limits.jobsPerDay(caller.limits()), used.get(null), resetAt));
            typeLimits.forEach((type, limit) -> all.add(dailyQuota(type, limit, used.get(type), resetAt)));
            return all;
        });
        return Uni.combine().all().unis(rates, quotas).with(Usage::new);
    }

    private static Usage.RateLimit rateLimit(RouteClass route, int limit, Bucket bucket, Instant now) {
        long remaining = Math.max(0, Math.min(limit, bucket.remaining()));
        return new Usage.RateLimit(route.label(), limit, limit - remaining, remaining, now.plus(bucket.untilFull()));
    }

    private static Usage.Quota dailyQuota(String type, long limit, Long counted, Instant resetAt) {
        long used = counted == null ? 0 : counted;
        return new Usage.Quota(type == null ? "jobs-per-day" : "jobs-per-day-by-type", type, limit, used,
                Math.max(0, limit - used), resetAt);
    }
}
