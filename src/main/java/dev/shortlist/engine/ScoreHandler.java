package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.documents.postings.PostingService;
import dev.shortlist.jobs.JobType;
import dev.shortlist.llm.LlmProvider;
import dev.shortlist.llm.Prompts;
import dev.shortlist.platform.cpu.CpuPool;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * Scores a resume against a job description. Whatever engine answered, the result leaves
 * here in one shape: score clamped to 0–100, a known recommendation, lists that are lists,
 * and evidence quotes that really are in the resume.
 */
@Singleton
public class ScoreHandler extends ResumeHandler {

    public static final String PROMPT_VERSION = "score-v1";
    private static final Set<String> RECOMMENDATIONS = Set.of("shortlist", "maybe", "reject");
    private static final List<String> REQUIRED_LISTS = List.of("matchedSkills", "missingSkills", "evidence");

    public ScoreHandler(LlmProvider provider, UntrustedText untrusted, Prompts prompts, CpuPool cpu, PostingService postings) {
        super(JobType.SCORE, PROMPT_VERSION, provider, untrusted, prompts, cpu, postings);
    }

    @Override
    void check(ObjectNode result, String screenedResume) {
        Outputs.clampScore(result, "score", "score");
        String recommendation = result.path("recommendation").asText();
        if (!RECOMMENDATIONS.contains(recommendation)) {
            throw Outputs.invalid("score", "recommendation '" + recommendation + "' is not one of " + RECOMMENDATIONS);
        }
        Outputs.requireLists(result, "score", REQUIRED_LISTS);
        if (!result.hasNonNull("summary")) {
            result.put("summary", "");
        }
        EvidenceQuotes.dropUnsupported(result, screenedResume);
    }
}
