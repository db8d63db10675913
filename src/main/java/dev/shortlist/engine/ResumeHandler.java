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
import dev.shortlist.security.PiiRedactor;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * What the handlers of jobs on a resume and a job description share: the resume is
 * screened for injected instructions, the engine gets the screened text, and the answer
 * is checked by the job type, marked with what the screening found, and validated against
 * the type's one result schema.
 */
abstract class ResumeHandler implements JobHandler {

    private final JobType type;
    private final String promptVersion;
    private final LlmProvider provider;
    private final UntrustedText untrusted;
    private final ResultSchema schema;
    private final CpuPool cpu;
    private final PostingService postings;
    private final PiiRedactor identity = new PiiRedactor();

    ResumeHandler(JobType type, String promptVersion, LlmProvider provider, UntrustedText untrusted, Prompts prompts,
            CpuPool cpu, PostingService postings) {
        this.cpu = cpu;
        this.postings = postings;
        this.type = type;
        this.promptVersion = promptVersion;
        this.provider = provider;
        this.untrusted = untrusted;
        this.schema = prompts.schemaOf(promptVersion);
    }

    @Override
    public final JobType type() {
        return type;
    }

    @Override
    public final Optional<String> promptVersion() {
        return Optional.of(promptVersion);
    }

    @Override
    public final Uni<HandlerResult> handle(Job job, JobProgress progress) {
        // A job description from a stored posting comes with the engine's reading of it, made once.
        // Screening the resume and checking the answer against it are CPU work: both run on the CPU pool.
        progress.reached(JobStage.READING);
        return postings.readingFor(job.owner(), job.input().path("jobDescription"))
                .invoke(() -> progress.reached(JobStage.SCREENING))
                .chain(reading -> cpu.runAndReturn(() -> untrusted.screen(job, "resume",
                                job.input().path("resume").path("text").asText()))
                        .chain(resume -> Outputs.answered(provider,
                                        Outputs.resumeAndJob(type.wireName(), promptVersion, resume.text(), job, reading), progress)
                                .emitOn(cpu.executor())
                                .map(completion -> checked(completion, resume, Outputs.blind(job)))));
    }

    private HandlerResult checked(Completion completion, UntrustedText.Screened resume, boolean blind) {
        ObjectNode result = Outputs.stamped(completion, promptVersion);
        check(result, resume.text());
        resume.flag(result);
        if (blind) {
            BlindResult.hide(result, identity.redact(resume.text()));
        }
        Outputs.conform(result, schema, type.wireName());
        return Outputs.withUsage(result, completion);
    }

    /** Checks (and where the schema allows, mends) the engine's answer; throws {@link JobFailure} when it is unusable. */
    abstract void check(ObjectNode result, String screenedResume);

}
