package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.llm.LlmRequest;
import dev.shortlist.llm.SelectedProvider;
import java.util.List;

/**
 * A job's {@code options.engine}: {@code local} for the in-process engine, {@code remote}
 * for the configured remote model, whatever {@code shortlist.llm.provider} says; absent for
 * the provider. A remote model that is not configured is refused at submit, not at run time.
 */
final class EngineOption {

    private EngineOption() {
    }

    static void check(JsonNode options, String field, SelectedProvider engines, List<InvalidInputException.Violation> violations) {
        JsonNode engine = options == null ? null : options.get("engine");
        if (engine == null || engine.isNull()) {
            return;
        }
        if (!LlmRequest.LOCAL.equals(engine.textValue()) && !LlmRequest.REMOTE.equals(engine.textValue())) {
            violations.add(new InvalidInputException.Violation(field, "must be local or remote"));
        } else if (LlmRequest.REMOTE.equals(engine.textValue()) && !engines.remoteAvailable()) {
            violations.add(new InvalidInputException.Violation(field,
                    "no remote model is configured: set shortlist.llm.openai.api-key (or shortlist.llm.provider=openai)"));
        }
    }
}
