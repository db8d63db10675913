package dev.shortlist.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.platform.cpu.OnCaller;
import dev.shortlist.platform.quota.LlmQuota;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Every HTTP call to the remote model goes through here, retries included: each attempt
 * first takes its share of the quota (so the provider never sees more calls than the quota
 * allows, however many retries and repairs), then makes the exchange, then books the tokens
 * and cost it really used to the caller's key. A quota that is used up is not retried here:
 * the job goes back to the queue until it refills. Retry values are defaults that
 * configuration overrides, e.g.
 * {@code quarkus.fault-tolerance."dev.shortlist.llm.ModelCalls/call".retry.max-retries}.
 */
@ApplicationScoped
class ModelCalls {

    /** Tokens a call may add beyond its prompt (the answer), until the real count settles it. */
    private static final int ANSWER_ALLOWANCE = 400;
    private static final BigDecimal PER_MILLION = BigDecimal.valueOf(1_000_000);

    private final OpenAiEndpoint endpoint;
    private final LlmQuota quota;
    private final LlmMetrics metrics;
    private final LlmConfig.OpenAi config;

    ModelCalls(OpenAiEndpoint endpoint, LlmQuota quota, LlmMetrics metrics, LlmConfig config) {
        this.endpoint = endpoint;
        this.quota = quota;
        this.metrics = metrics;
        this.config = config.openai();
    }

    // RetryAfterBackoff adds its own jitter.
    @Retry(maxRetries = 3, delay = 500, jitter = 0, maxDuration = 180, durationUnit = ChronoUnit.SECONDS,
            retryOn = {LlmUnavailableException.class, TimeoutException.class})
    @CustomBackoff(RetryAfterBackoff.class)
    Uni<ChatReply> call(String owner, ObjectNode body) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            long start = System.nanoTime();
            String text = body.toString();
            long estimate = text.length() / 4 + ANSWER_ALLOWANCE;
            return quota.take(owner, estimate).flatMap(grant -> {
                if (!grant.granted()) {
                    metrics.quotaWait(grant.limit());
                    return Uni.createFrom().failure(new LlmQuotaExhausted(grant.waitFor(), grant.limit()));
                }
                return OnCaller.backOn(caller, endpoint.exchange(text)).call(reply -> quota.settle(owner, grant, estimate,
                                reply.promptTokens(), reply.completionTokens(), cost(reply.promptTokens(), reply.completionTokens())))
                        .invoke(reply -> metrics.callOverhead(System.nanoTime() - start - reply.httpNanos()));
            });
        });
    }

    /** USD for the tokens at the configured model's prices, to the micro-dollar; 0 when it has none. */
    BigDecimal cost(int tokensIn, int tokensOut) {
        LlmConfig.Price price = config.prices().get(config.model());
        if (price == null) {
            return BigDecimal.ZERO;
        }
        return price.input().multiply(BigDecimal.valueOf(tokensIn))
                .add(price.output().multiply(BigDecimal.valueOf(tokensOut)))
                .divide(PER_MILLION, 6, RoundingMode.HALF_UP);
    }
}
