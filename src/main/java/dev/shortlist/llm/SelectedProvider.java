package dev.shortlist.llm;

import dev.shortlist.platform.quota.LlmQuotaConfig;
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
 *
 * <p>A job may ask for an engine ({@code options.engine}: {@code local} or {@code remote}),
 * as the two stages of a re-scored batch do: the local engine ranks every resume, the
 * remote model re-scores the best few.
 */
@ApplicationScoped
public class SelectedProvider implements LlmProvider {

    private static final Logger LOG = Logger.getLogger(SelectedProvider.class);

    private final LlmProvider primary;
    private final LocalProvider local;
    private final LlmProvider remote;
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
            case LOCAL -> local;
            case OPENAI -> openai.get();
        };
        // A remote model is there to ask when it is the provider, or when it has a key of its own beside the local engine.
        this.remote = primary != local ? primary
                : config.openai().apiKey().isPresent() ? openai.get() : null;
        this.fallBackToLocal = config.fallback() == LlmConfig.Fallback.LOCAL && primary != local;
    }

    @Override
    public String engine() {
        return primary.engine();
    }

    @Override
    public String model() {
        return primary.model();
    }

    /** Whether jobs may ask for the remote model ({@code options.engine=remote}). */
    public boolean remoteAvailable() {
        return remote != null;
    }

    /** The engine that answers a job asking for {@code requested} (null: the configured one). */
    public LlmProvider answering(String requested) {
        if (LlmRequest.LOCAL.equals(requested)) {
            return local;
        }
        if (LlmRequest.REMOTE.equals(requested) && remote != null) {
            return remote;
        }
        return primary;
    }

    @Override
    public String engineFor(LlmRequest request) {
        return answering(request.engine()).engine();
    }

    @Override
    public Uni<Completion> complete(LlmRequest request) {
        LlmProvider answering = answering(request.engine());
        Uni<Completion> answer = answering == local ? local.complete(request) : remote(answering, request);
        return answer.invoke(completion -> metrics.answered(completion.engine(), completion.model(),
                completion.tokensIn(), completion.tokensOut(), completion.costUsd()));
    }

    private Uni<Completion> remote(LlmProvider remote, LlmRequest request) {
        Uni<Completion> answer = remote.complete(request);
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
