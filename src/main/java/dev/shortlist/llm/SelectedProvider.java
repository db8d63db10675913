package dev.shortlist.llm;

import dev.shortlist.observability.LlmMetrics;
import dev.shortlist.quota.LlmQuotaConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The provider the handlers talk to: the one {@code shortlist.llm.provider} names and, with
 * {@code shortlist.llm.fallback=local}, the local engine standing in for the remote one
 * once a job has waited too long for it (or would wait too long for quota). Otherwise a
 * model that is unavailable or out of quota makes the job wait, never fail. The result says
 * which engine answered and, in {@code flags.fallback}, why the local one did.
 */
@ApplicationScoped
public class SelectedProvider implements LlmProvider {

    private static final Logger LOG = Logger.getLogger(SelectedProvider.class);

    private final LlmProvider primary;
    private final LocalProvider local;
    private final boolean fallBackToLocal;
    private final Duration fallbackAfter;
    private final LlmQuotaConfig quotaConfig;
    private final LlmMetrics metrics;
    private final Clock clock;

    SelectedProvider(LlmConfig config, LocalProvider local, Instance<OpenAiProvider> openai, LlmQuotaConfig quotaConfig,
            LlmMetrics metrics, Clock clock) {
        this.local = local;
        this.quotaConfig = quotaConfig;
        this.metrics = metrics;
        this.clock = clock;
        this.fallbackAfter = config.fallbackAfter();
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

    private Uni<Completion> remote(LlmRequest request) {
        Uni<Completion> answer = primary.complete(request);
        if (!fallBackToLocal) {
            return answer;
        }
        return answer
                .onFailure(LlmQuotaExhausted.class).recoverWithUni(failure -> {
                    LlmQuotaExhausted exhausted = (LlmQuotaExhausted) failure;
                    return exhausted.waitFor().compareTo(quotaConfig.fallbackAfter()) > 0
                            ? fallBack(request, "quota") : Uni.createFrom().failure(failure);
                })
                .onFailure(LlmUnavailableException.class).recoverWithUni(failure -> waited(request).compareTo(fallbackAfter) >= 0
                        ? fallBack(request, ((LlmException) failure).code()) : Uni.createFrom().failure(failure));
    }

    private Duration waited(LlmRequest request) {
        return request.waitingSince() == null ? Duration.ZERO : Duration.between(request.waitingSince(), clock.instant());
    }

    private Uni<Completion> fallBack(LlmRequest request, String reason) {
        LOG.warnf("remote model unavailable (%s); the local engine answers", reason);
        metrics.fellBack(reason);
        long waitedSeconds = waited(request).toSeconds();
        return local.complete(request).invoke(completion -> completion.output().withObjectProperty("flags")
                .putObject("fallback").put("engine", LocalProvider.ENGINE).put("reason", reason)
                .put("waitedSeconds", waitedSeconds));
    }
}
