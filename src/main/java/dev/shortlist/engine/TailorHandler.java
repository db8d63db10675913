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

/**
 * Tailors a resume to a job description. The result is checked whichever engine wrote
 * it: a skill in the tailored resume that the original does not show is flagged, since
 * tailoring may reorder and emphasise but never claim.
 */
@ApplicationScoped
public class TailorHandler implements JobHandler {

    public static final String PROMPT_VERSION = "tailor-v1";
    private static final List<String> REQUIRED_LISTS = List.of("changes", "keywordsAdded", "missingKeywords");

    private final LlmProvider provider;
    private final UntrustedText untrusted;
    private final Claims claims;

    public TailorHandler(LlmProvider provider, UntrustedText untrusted, Claims claims) {
        this.provider = provider;
        this.untrusted = untrusted;
        this.claims = claims;
    }

    @Override
    public JobType type() {
        return JobType.TAILOR;
    }

    @Override
    public Optional<String> promptVersion() {
        return Optional.of(PROMPT_VERSION);
    }

    @Override
    public Uni<HandlerResult> handle(Job job) {
        UntrustedText.Screened resume = untrusted.screen(job, "resume", job.input().path("resume").path("text").asText());
        LlmRequest request = Outputs.resumeAndJob("tailor", PROMPT_VERSION, resume.text(), job);
        return provider.complete(request).map(completion -> validated(completion, resume));
    }

    private HandlerResult validated(Completion completion, UntrustedText.Screened resume) {
        ObjectNode result = Outputs.stamped(completion, PROMPT_VERSION);
        Outputs.requireText(result, "tailor", "resumeMarkdown");
        Outputs.requireLists(result, "tailor", REQUIRED_LISTS);
        Outputs.clampScore(result, "tailor", "atsScoreBefore");
        Outputs.clampScore(result, "tailor", "atsScoreAfter");
        claims.flagUnevidenced(result, resume.text());
        resume.flag(result);
        return Outputs.withUsage(result, completion);
    }
}
