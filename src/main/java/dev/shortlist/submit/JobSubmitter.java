package dev.shortlist.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.JobTracing;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Accepts a single job: its texts put in place, checked, normalised and hashed, then admitted (see {@link JobAdmission}). */
@ApplicationScoped
public class JobSubmitter {

    private final InputResolver resolver;
    private final SubmissionRules rules;
    private final JobAdmission admission;
    private final CpuPool cpu;
    private final JobTracing tracing;
    private final JobsConfig config;
    private final SubmitSteps steps;

    JobSubmitter(InputResolver resolver, SubmissionRules rules, JobAdmission admission, CpuPool cpu, JobTracing tracing,
            JobsConfig config, SubmitSteps steps) {
        this.steps = steps;
        this.resolver = resolver;
        this.rules = rules;
        this.admission = admission;
        this.cpu = cpu;
        this.tracing = tracing;
        this.config = config;
    }

    /**
     * Stores the job, or with an Idempotency-Key already used for the same request,
     * returns that job instead. Refused when the caller's queue is full.
     */
    public Uni<Submitted> submit(Caller caller, JobSubmission submission) {
        // The request's trace goes with the job, for the run that claims it to continue.
        String traceparent = tracing.traceparent();
        // Checking, normalising and hashing a large text is CPU work: the CPU pool does it.
        return steps.timed(SubmitSteps.RESOLVE, resolver.job(caller, submission))
                .chain(input -> steps.timed(SubmitSteps.CHECK, cpu.run(() -> checked(caller, submission, input, traceparent))))
                .chain(job -> admission.admit(caller, job));
    }

    /** The job to store: its input checked, normalised and hashed. */
    private NewJob checked(Caller caller, JobSubmission submission, ObjectNode resolved, String traceparent) {
        rules.checkStorable(resolved);
        ObjectNode input = resolved.deepCopy();
        for (String field : new String[] { "resume", "jobDescription" }) {
            if (input.get(field) instanceof ObjectNode text) {
                input.set(field, InputHash.normalisedText(text));
            }
        }
        rules.checkJob(submission, input);
        SubmissionRules.normaliseOptions(caller, input.get("options") instanceof ObjectNode options ? options : input.putObject("options"));
        return new NewJob(UUID.randomUUID(), caller.owner(), submission.type(), submission.priority(), null,
                input, InputHash.of(submission.type(), input), submission.idempotencyKey(), config.maxAttempts(), null,
                traceparent);
    }
}
