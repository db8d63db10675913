package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.documents.postings.PostingService;
import dev.shortlist.jobs.JobType;
import dev.shortlist.llm.LlmProvider;
import dev.shortlist.llm.Prompts;
import dev.shortlist.platform.cpu.CpuPool;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Tailors a resume to a job description. The result is checked whichever engine wrote
 * it: a skill in the tailored resume that the original does not show is flagged, since
 * tailoring may reorder and emphasise but never claim.
 */
@Singleton
public class TailorHandler extends ResumeHandler {

    public static final String PROMPT_VERSION = "tailor-v1";
    private static final List<String> REQUIRED_LISTS = List.of("changes", "keywordsAdded", "missingKeywords");

    private final Claims claims;

    public TailorHandler(LlmProvider provider, UntrustedText untrusted, Claims claims, Prompts prompts, CpuPool cpu,
            PostingService postings) {
        super(JobType.TAILOR, PROMPT_VERSION, provider, untrusted, prompts, cpu, postings);
        this.claims = claims;
    }

    @Override
    void check(ObjectNode result, String screenedResume) {
        Outputs.requireText(result, "tailor", "resumeMarkdown");
        Outputs.requireLists(result, "tailor", REQUIRED_LISTS);
        Outputs.clampScore(result, "tailor", "atsScoreBefore");
        Outputs.clampScore(result, "tailor", "atsScoreAfter");
        claims.flagUnevidenced(result, screenedResume);
    }
}
