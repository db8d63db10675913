package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.documents.postings.PostingService;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobProgress;
import dev.shortlist.jobs.JobStage;
import dev.shortlist.jobs.JobType;
import dev.shortlist.llm.Completion;
import dev.shortlist.llm.LlmProvider;
import dev.shortlist.llm.Prompts;
import dev.shortlist.llm.ResultSchema;
import dev.shortlist.platform.cpu.CpuPool;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Writes a resume from a candidate profile, ordered for a job description. As with
 * tailoring, a skill in the resume that the profile does not state is flagged.
 */
@ApplicationScoped
public class GenerateHandler implements JobHandler {

    public static final String PROMPT_VERSION = "generate-v1";
    private static final List<String> REQUIRED_LISTS = List.of("matchedSkills", "missingKeywords");

    private final LlmProvider provider;
    private final UntrustedText untrusted;
    private final Claims claims;
    private final ResultSchema schema;
    private final CpuPool cpu;
    private final PostingService postings;

    public GenerateHandler(LlmProvider provider, UntrustedText untrusted, Claims claims, Prompts prompts, CpuPool cpu,
            PostingService postings) {
        this.cpu = cpu;
        this.postings = postings;
        this.provider = provider;
        this.untrusted = untrusted;
        this.claims = claims;
        this.schema = prompts.schemaOf(PROMPT_VERSION);
    }

    @Override
    public JobType type() {
        return JobType.GENERATE;
    }

    @Override
    public Optional<String> promptVersion() {
        return Optional.of(PROMPT_VERSION);
    }

    @Override
    public Uni<HandlerResult> handle(Job job, JobProgress progress) {
        // Screening the profile and checking the answer against it are CPU work: both run on the CPU pool.
        progress.reached(JobStage.READING);
        return postings.readingFor(job.owner(), job.input().path("jobDescription"))
                .invoke(() -> progress.reached(JobStage.SCREENING))
                .chain(reading -> cpu.runAndReturn(() -> untrusted.screenJson(job, "profile", job.input().path("profile")))
                        .chain(profile -> Outputs.answered(provider,
                                        Outputs.request(job, "generate", PROMPT_VERSION, "profile", profile.text(), reading), progress)
                                .emitOn(cpu.executor())
                                .map(completion -> validated(completion, profile))));
    }

    private HandlerResult validated(Completion completion, UntrustedText.Screened profile) {
        ObjectNode result = Outputs.stamped(completion, PROMPT_VERSION);
        Outputs.requireText(result, "generate", "resumeMarkdown");
        Outputs.requireLists(result, "generate", REQUIRED_LISTS);
        Outputs.clampScore(result, "generate", "atsScore");
        claims.flagUnevidenced(result, profile.text());
        profile.flag(result);
        Outputs.conform(result, schema, "generate");
        return Outputs.withUsage(result, completion);
    }
}
