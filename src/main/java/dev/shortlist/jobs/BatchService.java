package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.cpu.CpuPool;
import dev.shortlist.documents.TextNormalizer;
import dev.shortlist.llm.LlmRequest;
import dev.shortlist.llm.SelectedProvider;
import dev.shortlist.observability.JobMetrics;
import dev.shortlist.observability.JobTracing;
import dev.shortlist.quota.DailyQuotas;
import dev.shortlist.quota.HourlyQuotas;
import dev.shortlist.quota.QuotaExceededException;
import dev.shortlist.security.Caller;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Submits, reads, cancels and ranks batches: one job description against many resumes. */
@ApplicationScoped
public class BatchService {

    /** Batches score or tailor; generating many resumes from one profile makes no sense. */
    static final Set<JobType> BATCH_TYPES = EnumSet.of(JobType.SCORE, JobType.TAILOR);

    private final DailyQuotas quotas;
    private final HourlyQuotas hourlyQuotas;
    private final BatchRepository batches;
    private final JobWrites writes;
    private final BatchesConfig config;
    private final JobsConfig jobsConfig;
    private final JobMetrics metrics;
    private final Event<JobSubmitted> submitted;
    private final CpuPool cpu;
    private final SelectedProvider engines;
    private final JobTracing tracing;

    public BatchService(BatchRepository batches, JobWrites writes, BatchesConfig config, JobsConfig jobsConfig, JobMetrics metrics,
            Event<JobSubmitted> submitted, DailyQuotas quotas, HourlyQuotas hourlyQuotas, CpuPool cpu, SelectedProvider engines,
            JobTracing tracing) {
        this.engines = engines;
        this.tracing = tracing;
        this.cpu = cpu;
        this.hourlyQuotas = hourlyQuotas;
        this.batches = batches;
        this.writes = writes;
        this.config = config;
        this.jobsConfig = jobsConfig;
        this.metrics = metrics;
        this.submitted = submitted;
        this.quotas = quotas;
    }

    /**
     * Stores the batch and one queued child per resume, all in one transaction, and returns
     * the batch; or with an Idempotency-Key already used for the same request, that batch.
     */
    public Uni<SubmittedBatch> submit(Caller caller, BatchSubmission submission) {
        // Checking, normalising and hashing thousands of resumes is CPU work: the CPU pool does it.
        // Every child continues the submit request's trace when it runs.
        String traceparent = tracing.traceparent();
        return cpu.run(() -> prepared(caller, submission, traceparent)).chain(batch -> store(caller, submission, batch));
    }

    /** A batch ready to store: the batch's own input, one child per resume, and the hash of the whole request. */
    private record Prepared(UUID id, ObjectNode input, List<NewJob> children, String requestHash) {
    }

    private Prepared prepared(Caller caller, BatchSubmission submission, String traceparent) {
        check(submission);
        UUID batchId = UUID.randomUUID();
        ObjectNode jobDescription = normalised(submission.jobDescription());
        // A re-scored batch's first stage is the local engine's, whatever the service's provider.
        ObjectNode childOptions = submission.rescoreTop() == null ? submission.options()
                : submission.options().deepCopy().put("engine", LlmRequest.LOCAL);
        List<NewJob> children = new ArrayList<>(submission.resumes().size());
        for (BatchSubmission.Resume resume : submission.resumes()) {
            ObjectNode input = jobDescription.objectNode();
            input.set("resume", normalised(resume.resume()));
            input.set("jobDescription", jobDescription);
            input.set("options", childOptions);
            children.add(new NewJob(UUID.randomUUID(), caller.owner(), submission.type(), submission.priority(), batchId,
                    input, InputHash.of(submission.type(), input), null, jobsConfig.maxAttempts(), resume.externalId(),
                    traceparent));
        }
        ObjectNode batchInput = jobDescription.objectNode();
        batchInput.set("jobDescription", jobDescription);
        batchInput.set("options", submission.options());
        if (submission.rescoreTop() != null) {
            batchInput.putObject("rescore").put("top", submission.rescoreTop());
        }
        return new Prepared(batchId, batchInput, children, requestHash(submission, batchInput, children));
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

    private Uni<SubmittedBatch> store(Caller caller, BatchSubmission submission, Prepared batch) {
        UUID batchId = batch.id();
        List<NewJob> children = batch.children();
        String type = submission.type().wireName();
        // Each resume is a unit of the hourly resume quota, then a job of the daily quota: a batch too large for either is refused whole.
        return hourlyQuotas.charge(caller.owner(), caller.limits(), HourlyQuotas.Kind.RESUMES, children.size())
                .chain(charge -> quotas.take(caller.owner(), caller.limits(), type, children.size())
                        .chain(taken -> {
                            if (!taken.allowed()) {
                                throw new QuotaExceededException(taken.refusedQuota(), taken.limit(), taken.resetAt());
                            }
                            return writes.insertBatch(batchId, caller.owner(), submission.type(), submission.priority(), batch.input(),
                                            children, submission.idempotencyKey(), batch.requestHash(), submission.rescoreTop(),
                                            submission.notifyEmail())
                                    .onFailure().call(() -> quotas.refund(caller.owner(), type, children.size()));
                        })
                        .onFailure().call(() -> hourlyQuotas.refund(charge))
                        .chain(inserted -> {
                            if (!inserted) {
                                // A batch not stored gives its share of both quotas back.
                                return quotas.refund(caller.owner(), type, children.size())
                                        .chain(() -> hourlyQuotas.refund(charge))
                                        .chain(() -> replay(caller, submission, batch));
                            }
                            Log.debugf("Batch %s submitted: %d %s jobs for %s", batchId, children.size(), type, caller.owner());
                            metrics.submitted(type, children.size());
                            submitted.fire(new JobSubmitted());
                            return find(caller, batchId).map(stored -> new SubmittedBatch(stored, true));
                        }));
    }

    /** The batch an earlier submit with this Idempotency-Key created, if the request was the same. */
    private Uni<SubmittedBatch> replay(Caller caller, BatchSubmission submission, Prepared attempted) {
        return batches.findByIdempotencyKey(caller.owner(), submission.idempotencyKey()).chain(found -> {
            BatchRepository.Keyed earlier = found.orElseThrow(() -> new IllegalStateException("idempotency key conflict without a batch"));
            if (!attempted.requestHash().equals(earlier.requestHash())) {
                throw new IdempotencyConflictException(submission.idempotencyKey());
            }
            return find(caller, earlier.id()).map(batch -> new SubmittedBatch(batch, false));
        });
    }

    /**
     * The batch now, then at every change of its counts, until it has ended (the last
     * item is the ended batch). It looks every {@code shortlist.batches.events-interval}:
     * one indexed count per open stream, whatever the batch's size.
     */
    public Multi<Batch> follow(Caller caller, UUID id) {
        return Multi.createBy().repeating().uni(() -> find(caller, id))
                .withDelay(config.eventsInterval())
                .whilst(batch -> !batch.isFinished() && batch.cancelledAt() == null)
                .skip().repetitions();
    }

    /**
     * Begins the second stage of every re-scored batch whose first stage has ended: the
     * remote model re-scores its best resumes. Returns how many batches began it.
     */
    public Uni<Integer> startDueRescores() {
        return batches.rescoreDue(RESCORES_STARTED_AT_ONCE)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> writes.startRescore(id, best -> cpu.run(() -> rescoring(best))))
                .filter(Boolean::booleanValue)
                .collect().with(java.util.stream.Collectors.counting())
                .map(Long::intValue);
    }

    private static final int RESCORES_STARTED_AT_ONCE = 20;

    /** A second-stage job per first-stage one: the same input, on the remote model. */
    private List<NewJob> rescoring(List<Job> best) {
        List<NewJob> jobs = new ArrayList<>(best.size());
        for (Job first : best) {
            ObjectNode input = first.input().deepCopy();
            ObjectNode options = input.get("options") instanceof ObjectNode given ? given : input.putObject("options");
            options.put("engine", LlmRequest.REMOTE);
            jobs.add(new NewJob(UUID.randomUUID(), first.owner(), first.type(), first.priority(), first.batchId(), input,
                    InputHash.of(first.type(), input), null, jobsConfig.maxAttempts()));
        }
        return jobs;
    }

    public Uni<Batch> find(Caller caller, UUID id) {
        return batches.findOwned(id, caller.owner())
                .map(found -> found.orElseThrow(() -> new BatchNotFoundException(id)));
    }

    /** Cancels what has not started; returns the batch as it stands after. */
    public Uni<Batch> cancel(Caller caller, UUID id) {
        return writes.cancelBatch(id, caller.owner())
                .chain(found -> {
                    if (!found) {
                        throw new BatchNotFoundException(id);
                    }
                    return find(caller, id);
                });
    }

    /** The top {@code top} resumes so far, best first (by score, or by ATS score after tailoring), and their batch. */
    public Uni<Shortlist> shortlist(Caller caller, UUID id, int top) {
        return find(caller, id).chain(batch -> (batch.type() == JobType.TAILOR
                ? batches.tailoredShortlist(id, top)
                : batches.shortlist(id, top)).map(items -> new Shortlist(batch, items)));
    }

    private void check(BatchSubmission submission) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        String key = submission.idempotencyKey();
        if (key != null && (key.isBlank() || key.length() > jobsConfig.idempotencyKeyMaxChars())) {
            violations.add(new InvalidInputException.Violation("Idempotency-Key",
                    "must be 1 to " + jobsConfig.idempotencyKeyMaxChars() + " characters"));
        }
        if (!BATCH_TYPES.contains(submission.type())) {
            violations.add(new InvalidInputException.Violation("type", "batches run score or tailor jobs"));
        } else if (!JobService.RUNNABLE_TYPES.contains(submission.type())) {
            violations.add(new InvalidInputException.Violation("type",
                    "'" + submission.type().wireName() + "' jobs are not offered by this version"));
        }
        EngineOption.check(submission.options(), "options.engine", engines, violations);
        if (submission.rescoreTop() != null) {
            if (submission.type() != JobType.SCORE) {
                violations.add(new InvalidInputException.Violation("rescore", "only score batches are re-scored"));
            } else if (submission.rescoreTop() < 1 || submission.rescoreTop() > config.rescoreMaxTop()) {
                violations.add(new InvalidInputException.Violation("rescore.top", "must be between 1 and " + config.rescoreMaxTop()));
            } else if (!engines.remoteAvailable()) {
                violations.add(new InvalidInputException.Violation("rescore",
                        "needs a remote model: set shortlist.llm.openai.api-key (or shortlist.llm.provider=openai)"));
            }
        }
        int count = submission.resumes().size();
        if (count == 0) {
            violations.add(new InvalidInputException.Violation("resumes", "must hold at least one resume"));
        } else if (count > config.maxResumes()) {
            violations.add(new InvalidInputException.Violation("resumes",
                    "holds " + count + " resumes; the limit is " + config.maxResumes()));
        }
        checkText(submission.jobDescription(), "jobDescription.text", jobsConfig.jobDescriptionMaxChars(), violations);
        StorableJson.check(submission.jobDescription(), "jobDescription", violations);
        StorableJson.check(submission.options(), "options", violations);
        Set<String> externalIds = new HashSet<>();
        for (int i = 0; i < count && violations.size() < 20; i++) {
            BatchSubmission.Resume resume = submission.resumes().get(i);
            checkText(resume.resume(), "resumes[" + i + "].text", jobsConfig.resumeMaxChars(), violations);
            StorableJson.check(resume.resume(), "resumes[" + i + "]", violations);
            String externalId = resume.externalId();
            String unstorable = externalId == null ? null : StorableJson.unstorable(externalId);
            if (unstorable != null) {
                violations.add(new InvalidInputException.Violation("resumes[" + i + "].externalId", unstorable));
            }
            if (externalId != null && externalId.length() > config.externalIdMaxChars()) {
                violations.add(new InvalidInputException.Violation("resumes[" + i + "].externalId",
                        "is longer than " + config.externalIdMaxChars() + " characters"));
            } else if (externalId != null && !externalIds.add(externalId)) {
                violations.add(new InvalidInputException.Violation("resumes[" + i + "].externalId",
                        "'" + externalId + "' is used by another resume of this batch"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static void checkText(ObjectNode input, String field, int maxChars, List<InvalidInputException.Violation> violations) {
        String text = input.path("text").asText("");
        if (text.isBlank()) {
            violations.add(new InvalidInputException.Violation(field, "must not be blank"));
        } else if (text.length() > maxChars) {
            violations.add(new InvalidInputException.Violation(field,
                    "is " + text.length() + " characters long; the limit is " + maxChars));
        }
    }

    private static ObjectNode normalised(ObjectNode textInput) {
        ObjectNode copy = textInput.deepCopy();
        copy.put("text", TextNormalizer.normalize(textInput.path("text").asText("")));
        return copy;
    }
}
