package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobType;
import dev.shortlist.llm.Completion;
import dev.shortlist.llm.LlmProvider;
import dev.shortlist.llm.LlmRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scores a resume against a job description. Whatever engine answered, the result leaves
 * here in one shape: score clamped to 0–100, a known recommendation, lists that are lists.
 * The resume is screened first: instructions hidden in it are cut out and flagged.
 */
@ApplicationScoped
public class ScoreHandler implements JobHandler {

    public static final String PROMPT_VERSION = "score-v1";
    private static final Set<String> RECOMMENDATIONS = Set.of("shortlist", "maybe", "reject");
    private static final List<String> REQUIRED_LISTS = List.of("matchedSkills", "missingSkills", "evidence");

    private final LlmProvider provider;
    private final UntrustedText untrusted;

    public ScoreHandler(LlmProvider provider, UntrustedText untrusted) {
        this.provider = provider;
        this.untrusted = untrusted;
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
        UntrustedText.Screened resume = untrusted.screen(job, "resume", job.input().path("resume").path("text").asText());
        LlmRequest request = Outputs.resumeAndJob("score", PROMPT_VERSION, resume.text(), job);
        return provider.complete(request).map(completion -> validated(completion, resume));
    }

    private HandlerResult validated(Completion completion, UntrustedText.Screened resume) {
        ObjectNode result = Outputs.stamped(completion, PROMPT_VERSION);
        Outputs.clampScore(result, "score", "score");
        String recommendation = result.path("recommendation").asText();
        if (!RECOMMENDATIONS.contains(recommendation)) {
            throw Outputs.invalid("score", "recommendation '" + recommendation + "' is not one of " + RECOMMENDATIONS);
        }
        Outputs.requireLists(result, "score", REQUIRED_LISTS);
        if (!result.hasNonNull("summary")) {
            result.put("summary", "");
        }
        resume.flag(result);
        return Outputs.withUsage(result, completion);
    }
}
