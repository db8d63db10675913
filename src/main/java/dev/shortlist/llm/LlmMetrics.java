package dev.shortlist.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Model usage, cost, quota waits and deferrals, under {@code shortlist_}. */
@ApplicationScoped
public class LlmMetrics {

    private final MeterRegistry registry;

    public LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * {@code shortlist_llm_calls_total{engine,model}}, {@code shortlist_llm_tokens_total{model,direction}}
     * and {@code shortlist_llm_cost_usd_total{model}} of one answered request.
     */
    public void answered(String engine, String model, int tokensIn, int tokensOut, BigDecimal costUsd) {
        Counter.builder("shortlist.llm.calls").description("Requests a model answered, by engine and model")
                .tags("engine", engine, "model", model).register(registry).increment();
        Counter.builder("shortlist.llm.tokens").description("Tokens used, by model and direction")
                .tags("model", model, "direction", "in").register(registry).increment(tokensIn);
        Counter.builder("shortlist.llm.tokens").description("Tokens used, by model and direction")
                .tags("model", model, "direction", "out").register(registry).increment(tokensOut);
        Counter.builder("shortlist.llm.cost.usd").description("What the model calls cost, in USD, by model")
                .tags("model", model).register(registry).increment(costUsd.doubleValue());
    }

    /** {@code shortlist_llm_fallbacks_total{reason}}: the local engine answered for the remote model. */
    public void fellBack(String reason) {
        Counter.builder("shortlist.llm.fallbacks").description("Answers the local engine gave while the remote model was unavailable")
                .tag("reason", reason).register(registry).increment();
    }

    /** {@code shortlist_llm_quota_waits_total{limit}}: a job went back to the queue for want of quota. */
    public void quotaWait(String limit) {
        Counter.builder("shortlist.llm.quota.waits").description("Jobs sent back to wait for the global LLM quota, by exhausted limit")
                .tag("limit", limit).register(registry).increment();
    }

    /**
     * {@code shortlist_llm_call_overhead_seconds}: the time an answered model call spent in
     * this service rather than on the wire (quota, request building, reply parsing, accounting).
     */
    public void callOverhead(long nanos) {
        // Buckets (cumulative since start) as well as percentiles (over the last few minutes).
        Timer.builder("shortlist.llm.call.overhead")
                .description("Time an answered model call spends in the service, outside the HTTP exchange")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** {@code shortlist_llm_deferrals_total{reason}}: a job went back to the queue to wait for the model, no attempt spent. */
    public void deferred(String reason) {
        Counter.builder("shortlist.llm.deferrals").description("Jobs sent back to wait for the model without spending an attempt, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
