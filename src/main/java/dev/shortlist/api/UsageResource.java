package dev.shortlist.api;

import dev.shortlist.jobs.JobType;
import dev.shortlist.platform.quota.Allowance;
import dev.shortlist.platform.quota.DailyQuotas;
import dev.shortlist.platform.quota.KeyLlmUsage;
import dev.shortlist.platform.quota.LimitUsage;
import dev.shortlist.platform.quota.UsageReport;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import dev.shortlist.security.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's limits and how much of each is left. */
@Path("/api/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class UsageResource {

    /** Where the caller stands. */
    @Schema(name = "UsageReport")
    public record UsageView(List<RateLimitView> rateLimits, List<DailyQuotas.Usage> quotas, List<LimitUsage> windows,
            LlmUsageView llm) {
    }

    /** What the caller's jobs spent on the remote model today (UTC), every HTTP call counted. */
    @Schema(name = "LlmUsageToday")
    public record LlmUsageView(long calls, long tokensIn, long tokensOut, long tokens, BigDecimal costUsd, Instant resetAt) {
    }

    /** One rate limit: requests per minute of a route class. */
    @Schema(name = "RateLimit")
    public record RateLimitView(String routeClass, int limit, int remaining, Instant resetAt) {
    }

    private final UsageReport report;
    private final CallerContext callers;
    private final Clock clock;

    public UsageResource(UsageReport report, CallerContext callers, Clock clock) {
        this.report = report;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Your rate limits, limit windows and quotas: limit, used or remaining, and when each resets; "
            + "and your model calls, tokens and cost today")
    public Uni<UsageView> usage(@Context HttpServerRequest http) {
        Caller caller = callers.current();
        List<String> types = Arrays.stream(JobType.values()).map(JobType::wireName).toList();
        return report.of(caller.owner(), caller.limits(), ClientAddress.of(http), types)
                .map(usage -> new UsageView(usage.rateLimits().stream().map(this::view).toList(), usage.daily(),
                        usage.windows(), llmView(usage.llm())));
    }

    private LlmUsageView llmView(KeyLlmUsage usage) {
        Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        return new LlmUsageView(usage.calls(), usage.tokensIn(), usage.tokensOut(), usage.tokensIn() + usage.tokensOut(),
                usage.costUsd(), midnight);
    }

    private RateLimitView view(UsageReport.RateLimit rate) {
        Allowance allowance = rate.allowance();
        return new RateLimitView(rate.routeClass().wireName(), allowance.limit(), Math.max(0, allowance.remaining()),
                clock.instant().plusSeconds(Allowance.seconds(allowance.reset())));
    }
}
