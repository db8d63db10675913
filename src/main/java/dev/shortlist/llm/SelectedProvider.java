package dev.shortlist.llm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * The provider the handlers talk to: the one {@code shortlist.llm.provider} names and,
 * with {@code shortlist.llm.fallback=local}, the local engine standing in while the remote
 * one is unavailable. The result says which engine answered.
 */
@ApplicationScoped
public class SelectedProvider implements LlmProvider {

    private static final Logger LOG = Logger.getLogger(SelectedProvider.class);

    private final LlmProvider primary;
    private final LocalProvider local;
    private final boolean fallBackToLocal;

    SelectedProvider(LlmConfig config, LocalProvider local, Instance<OpenAiProvider> openai) {
        this.local = local;
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
    public Uni<Completion> complete(LlmRequest request) {
        Uni<Completion> answer = primary.complete(request);
        if (!fallBackToLocal) {
            return answer;
        }
        return answer.onFailure(LlmUnavailableException.class).recoverWithUni(failure -> {
            LOG.warnf("remote model unavailable (%s); the local engine answers", ((LlmException) failure).code());
            return local.complete(request);
        });
    }
}
