package dev.shortlist.platform.quota;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Where one caller stands against every limit: rate limits, limit windows, daily quotas and the model's spend today. */
@ApplicationScoped
public class UsageReport {

    /** One route class's rate limit, as its bucket holds it now. */
    public record RateLimit(RouteClass routeClass, Allowance allowance) {
    }

    /** Everything the caller is held to, and how much of it is used. */
    public record Usage(List<RateLimit> rateLimits, List<DailyQuotas.Usage> daily, List<LimitUsage> windows, KeyLlmUsage llm) {
    }

    private final TokenBuckets buckets;
    private final LimitsConfig config;
    private final RequestLimits requestLimits;
    private final HourlyQuotas hourlyQuotas;
    private final DailyQuotas dailyQuotas;
    private final LlmQuota llmQuota;

    UsageReport(TokenBuckets buckets, LimitsConfig config, RequestLimits requestLimits, HourlyQuotas hourlyQuotas,
            DailyQuotas dailyQuotas, LlmQuota llmQuota) {
        this.buckets = buckets;
        this.config = config;
        this.requestLimits = requestLimits;
        this.hourlyQuotas = hourlyQuotas;
        this.dailyQuotas = dailyQuotas;
        this.llmQuota = llmQuota;
    }

    /** The owner's usage under its key's limits, asking from {@code address}, with a daily quota per job type. */
    public Uni<Usage> of(String owner, KeyLimits limits, String address, Collection<String> jobTypes) {
        List<Uni<RateLimit>> rateLimits = Arrays.stream(RouteClass.values())
                .map(routeClass -> buckets.peek(owner + ":" + routeClass.wireName(), config.perMinute(routeClass, limits))
                        .map(allowance -> new RateLimit(routeClass, allowance)))
                .toList();
        Uni<List<LimitUsage>> windows = requestLimits.usage(owner, address, limits)
                .chain(requests -> hourlyQuotas.usage(owner, limits)
                        .map(hourly -> Stream.concat(requests.stream(), hourly.stream()).toList()));
        return Uni.join().all(rateLimits).andFailFast()
                .chain(rates -> dailyQuotas.usage(owner, limits, jobTypes)
                        .chain(daily -> windows
                                .chain(limitWindows -> llmQuota.usageToday(owner)
                                        .map(llm -> new Usage(rates, daily, limitWindows, llm)))));
    }
}
