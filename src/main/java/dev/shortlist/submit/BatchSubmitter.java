package dev.shortlist.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.JobTracing;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.jobs.SelfIdentified;
import dev.shortlist.llm.LlmRequest;
import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Accepts a batch: one job description against many resumes, one child job each, texts put in place first. */
@ApplicationScoped
public class BatchSubmitter {

    private final InputResolver resolver;
    private final SubmissionRules rules;
    private final BatchAdmission admission;
    private final CpuPool cpu;
    private final JobTracing tracing;
    private final JobsConfig jobsConfig;

    BatchSubmitter(InputResolver resolver, SubmissionRules rules, BatchAdmission admission, CpuPool cpu, JobTracing tracing,
            JobsConfig jobsConfig) {
        this.resolver = resolver;
        this.rules = rules;
        this.admission = admission;
        this.cpu = cpu;
        this.tracing = tracing;
        this.jobsConfig = jobsConfig;
    }

    /**
     * Stores the batch and one queued child per resume, all in one transaction, and returns
     * the batch; or with an Idempotency-Key already used for the same request, that batch.
     */
    public Uni<SubmittedBatch> submit(Caller caller, BatchSubmission submission) {
        // Checking, normalising and hashing thousands of resumes is CPU work: the CPU pool does it.
        // Every child continues the submit request's trace when it runs.
        String traceparent = tracing.traceparent();
        return resolver.batch(caller, submission)
                .chain(resolved -> cpu.run(() -> prepared(caller, resolved, traceparent)))
                .chain(batch -> admission.admit(caller, submission, batch));
    }

    private BatchAdmission.Prepared prepared(Caller caller, ResolvedBatch resolved, String traceparent) {
        rules.checkBatch(resolved);
        BatchSubmission submission = resolved.submission();
        UUID batchId = UUID.randomUUID();
        ObjectNode jobDescription = InputHash.normalisedText(resolved.jobDescription());
        ObjectNode options = submission.options() == null ? jobDescription.objectNode() : submission.options();
        SubmissionRules.normaliseOptions(caller, options);
        // A re-scored batch's first stage is the local engine's, whatever the service's provider.
        ObjectNode childOptions = submission.rescoreTop() == null ? options : options.deepCopy().put("engine", LlmRequest.LOCAL);
        List<NewJob> children = new ArrayList<>(submission.resumes().size());
        Map<UUID, SelfIdentified> categories = new HashMap<>();
        for (int i = 0; i < submission.resumes().size(); i++) {
            ObjectNode input = jobDescription.objectNode();
            input.set("resume", InputHash.normalisedText(resolved.resumes().get(i)));
            input.set("jobDescription", jobDescription);
            input.set("options", childOptions);
            children.add(new NewJob(UUID.randomUUID(), caller.owner(), submission.type(), submission.priority(), batchId,
                    input, InputHash.of(submission.type(), input), null, jobsConfig.maxAttempts(), submission.resumes().get(i).externalId(),
                    traceparent));
            if (submission.resumes().get(i).selfIdentified() != null) {
                categories.put(children.get(i).id(), submission.resumes().get(i).selfIdentified());
            }
        }
        ObjectNode batchInput = jobDescription.objectNode();
        batchInput.set("jobDescription", jobDescription);
        batchInput.set("options", options);
        if (submission.rescoreTop() != null) {
            batchInput.putObject("rescore").put("top", submission.rescoreTop());
        }
        return new BatchAdmission.Prepared(batchId, batchInput, children, categories, requestHash(submission, batchInput, children));
    }

    /** Equal for a retry of the same request (type, priority, texts, options, external ids), whatever the field order. */
    private static String requestHash(BatchSubmission submission, ObjectNode batchInput, List<NewJob> children) {
        ObjectNode request = batchInput.objectNode();
        request.put("priority", submission.priority().rank());
        request.set("batch", batchInput);
        var resumes = request.putArray("resumes");
        children.forEach(child -> resumes.addArray().add(child.externalId()).add(child.inputHash()));
        return InputHash.of(submission.type(), request);
    }
}
