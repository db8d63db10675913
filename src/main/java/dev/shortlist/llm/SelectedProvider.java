package dev.shortlist.llm;

import dev.shortlist.observability.LlmMetrics;
import dev.shortlist.quota.LlmQuota;
import dev.shortlist.quota.LlmQuotaConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * The provider the handlers talk to: the one {@code shortlist.llm.provider} names, behind
 * the global quota when it is remote and, with {@code shortlist.llm.fallback=local}, the
 * local engine standing in while the remote one is unavailable. The result says which
 * engine answered; usage and cost are counted by model.
 */
@ApplicationScoped
public class SelectedProvider implements LlmProvider {

    private static final Logger LOG = Logger.getLogger(SelectedProvider.class);
    /** Tokens a request spends beyond its documents: instructions, schema and the answer. */
    private static final int TOKENS_BEYOND_DOCUMENTS = 800;

    private final LlmProvider primary;
    private final LocalProvider local;
    private final boolean fallBackToLocal;
    private final LlmQuota quota;
    private final LlmQuotaConfig quotaConfig;
    private final LlmMetrics metrics;

    SelectedProvider(LlmConfig config, LocalProvider local, Instance<OpenAiProvider> openai, LlmQuota quota,
            LlmQuotaConfig quotaConfig, LlmMetrics metrics) {
        this.local = local;
        this.quota = quota;
        this.quotaConfig = quotaConfig;
        this.metrics = metrics;
        this.primary = switch (config.provider()) {
            case LocalProvider.ENGINE -> local;
            case OpenAiProvider.ENGINE -> openai.get();
            default -> throw new IllegalStateException(
                    "shortlist.llm.provider must be local or openai, not " + config.provider());
        };
        this.fallBackToLocal = switch (config.fallback()) {
            case "none" -> false;
            case LocalProvider.ENGINE -> primary != local;
            default -> throw new IllegalStateException(
                    "shortlist.llm.fallback must be none or local, not " + config.fallback());
        };
    }

    @Override
    public String engine() {
        return primary.engine();
    }

    @Override
    public String model() {
        return primary.model();
    }

    @Override
    public Uni<Completion> complete(LlmRequest request) {
        Uni<Completion> answer = primary == local ? local.complete(request) : remote(request);
        return answer.invoke(completion -> metrics.answered(completion.engine(), completion.model(),
                completion.tokensIn(), completion.tokensOut(), completion.costUsd()));
    }

    /** The remote model, once the global quota allows it. */
    private Uni<Completion> remote(LlmRequest request) {
        long estimate = estimatedTokens(request);
        Uni<Completion> answer = quota.take(estimate).flatMap(grant -> {
            if (grant.granted()) {
                return primary.complete(request)
                        .call(completion -> quota.settle(grant, estimate, completion.tokensIn() + completion.tokensOut()));
            }
            if (fallBackToLocal && grant.waitFor().compareTo(quotaConfig.fallbackAfter()) > 0) {
                return fallBack(request, "quota");
            }
            metrics.quotaWait(grant.limit());
            return Uni.createFrom().failure(new LlmQuotaExhausted(grant.waitFor(), grant.limit()));
        });
        if (!fallBackToLocal) {
            return answer;
        }
        return answer.onFailure(LlmUnavailableException.class)
                .recoverWithUni(failure -> fallBack(request, ((LlmException) failure).code()));
    }

    private Uni<Completion> fallBack(LlmRequest request, String reason) {
        LOG.warnf("remote model unavailable (%s); the local engine answers", reason);
        metrics.fellBack(reason);
        return local.complete(request);
    }

    /** Roughly four characters a token for English text; settled against the real count afterwards. */
    private static long estimatedTokens(LlmRequest request) {
        long characters = request.documents().values().stream().mapToLong(String::length).sum();
        return characters / 4 + TOKENS_BEYOND_DOCUMENTS;
    }
}
