package dev.shortlist.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.LlmUsage;
import dev.shortlist.llm.Completion;
import dev.shortlist.llm.LlmProvider;
import dev.shortlist.llm.LlmRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores a resume against a job description. Whatever engine answered, the result leaves
 * here in one shape: score clamped to 0–100, a known recommendation, lists that are lists.
 */
@ApplicationScoped
public class ScoreHandler implements JobHandler {

    public static final String PROMPT_VERSION = "score-v1";
    private static final Set<String> RECOMMENDATIONS = Set.of("shortlist", "maybe", "reject");
    private static final List<String> REQUIRED_LISTS = List.of("matchedSkills", "missingSkills", "evidence");

    private final LlmProvider provider;

    public ScoreHandler(LlmProvider provider) {
        this.provider = provider;
    }

    @Override
    public JobType type() {
        return JobType.SCORE;
    }

    @Override
    public Optional<String> promptVersion() {
        return Optional.of(PROMPT_VERSION);
    }

    @Override
    public Uni<HandlerResult> handle(Job job) {
        LlmRequest request = new LlmRequest("score", PROMPT_VERSION, Map.of(
                "resume", job.input().path("resume").path("text").asText(),
                "jobDescription", job.input().path("jobDescription").path("text").asText()));
        return provider.complete(request).map(this::validated);
    }

    private HandlerResult validated(Completion completion) {
        ObjectNode output = completion.output();
        JsonNode score = output.get("score");
        if (score == null || !score.isNumber()) {
            throw invalid("score is missing or not a number");
        }
        String recommendation = output.path("recommendation").asText();
        if (!RECOMMENDATIONS.contains(recommendation)) {
            throw invalid("recommendation '" + recommendation + "' is not one of " + RECOMMENDATIONS);
        }
        for (String list : REQUIRED_LISTS) {
            if (!(output.get(list) instanceof ArrayNode)) {
                throw invalid(list + " is missing or not a list");
            }
        }
        ObjectNode result = output.deepCopy();
        result.put("score", Math.max(0, Math.min(100, (int) Math.round(score.asDouble()))));
        if (!result.hasNonNull("summary")) {
            result.put("summary", "");
        }
        result.put("engine", completion.engine());
        result.put("model", completion.model());
        result.put("promptVersion", PROMPT_VERSION);
        if (!(result.get("flags") instanceof ObjectNode)) {
            result.putObject("flags").put("promptInjection", false);
        }
        return new HandlerResult(result, new LlmUsage(completion.engine(), completion.model(),
                completion.tokensIn(), completion.tokensOut(), completion.costUsd()));
    }

    private static JobFailure invalid(String why) {
        return new JobFailure(new JobError("invalid_output", "the engine's answer broke the score schema: " + why, false), null);
    }
}
