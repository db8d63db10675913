package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.cpu.CpuPool;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobType;
import dev.shortlist.llm.Completion;
import dev.shortlist.llm.LlmProvider;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * What the handlers of jobs on a resume and a job description share: the resume is
 * screened for injected instructions, the engine gets the screened text, and the answer
 * is checked by the job type and marked with what the screening found.
 */
abstract class ResumeHandler implements JobHandler {

    private final JobType type;
    private final String promptVersion;
    private final LlmProvider provider;
    private final UntrustedText untrusted;
    private final CpuPool cpu;

    ResumeHandler(JobType type, String promptVersion, LlmProvider provider, UntrustedText untrusted, CpuPool cpu) {
        this.cpu = cpu;
        this.type = type;
        this.promptVersion = promptVersion;
        this.provider = provider;
        this.untrusted = untrusted;
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
    public final Uni<HandlerResult> handle(Job job) {
        // Screening the resume and checking the answer against it are CPU work: both run on the CPU pool.
        return cpu.run(() -> untrusted.screen(job, "resume", job.input().path("resume").path("text").asText()))
                .chain(resume -> provider.complete(Outputs.resumeAndJob(type.wireName(), promptVersion, resume.text(), job))
                        .emitOn(cpu.executor())
                        .map(completion -> checked(completion, resume)));
    }

    private HandlerResult checked(Completion completion, UntrustedText.Screened resume) {
        ObjectNode result = Outputs.stamped(completion, promptVersion);
        check(result, resume.text());
        resume.flag(result);
        return Outputs.withUsage(result, completion);
    }

    /** Checks (and where the schema allows, mends) the engine's answer; throws {@link JobFailure} when it is unusable. */
    abstract void check(ObjectNode result, String screenedResume);

}
