package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.cpu.CpuPool;
import dev.shortlist.documents.TextNormalizer;
import dev.shortlist.observability.JobMetrics;
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

    public BatchService(BatchRepository batches, JobWrites writes, BatchesConfig config, JobsConfig jobsConfig, JobMetrics metrics,
            Event<JobSubmitted> submitted, DailyQuotas quotas, HourlyQuotas hourlyQuotas, CpuPool cpu) {
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

    /** Stores the batch and one queued child per resume, all in one transaction, and returns the batch. */
    public Uni<Batch> submit(Caller caller, BatchSubmission submission) {
        // Checking, normalising and hashing thousands of resumes is CPU work: the CPU pool does it.
        return cpu.run(() -> prepared(caller, submission)).chain(batch -> store(caller, submission, batch));
    }

    /** A batch ready to store: the batch's own input and one child per resume. */
    private record Prepared(UUID id, ObjectNode input, List<NewJob> children) {
    }

    private Prepared prepared(Caller caller, BatchSubmission submission) {
        check(submission);
        UUID batchId = UUID.randomUUID();
        ObjectNode jobDescription = normalised(submission.jobDescription());
        List<NewJob> children = new ArrayList<>(submission.resumes().size());
        for (BatchSubmission.Resume resume : submission.resumes()) {
            ObjectNode input = jobDescription.objectNode();
            input.set("resume", normalised(resume.resume()));
            input.set("jobDescription", jobDescription);
            input.set("options", submission.options());
            children.add(new NewJob(UUID.randomUUID(), caller.owner(), submission.type(), submission.priority(), batchId,
                    input, InputHash.of(submission.type(), input), null, jobsConfig.maxAttempts(), resume.externalId()));
        }
        ObjectNode batchInput = jobDescription.objectNode();
        batchInput.set("jobDescription", jobDescription);
        batchInput.set("options", submission.options());
        return new Prepared(batchId, batchInput, children);
    }

    private Uni<Batch> store(Caller caller, BatchSubmission submission, Prepared batch) {
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
                                            children)
                                    .onFailure().call(() -> quotas.refund(caller.owner(), type, children.size()));
                        })
                        .onFailure().call(() -> hourlyQuotas.refund(charge)))
                .invoke(() -> Log.debugf("Batch %s submitted: %d %s jobs for %s", batchId, children.size(),
                        submission.type().wireName(), caller.owner()))
                .invoke(() -> metrics.submitted(submission.type().wireName(), children.size()))
                .invoke(() -> submitted.fire(new JobSubmitted()))
                .chain(() -> find(caller, batchId));
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

    /** The top {@code top} scored resumes so far, best first, and the batch they belong to. */
    public Uni<List<ShortlistEntry>> shortlist(Caller caller, UUID id, int top) {
        return find(caller, id).chain(batch -> batches.shortlist(batch.id(), top));
    }

    private void check(BatchSubmission submission) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        if (!BATCH_TYPES.contains(submission.type())) {
            violations.add(new InvalidInputException.Violation("type", "batches run score or tailor jobs"));
        } else if (!JobService.RUNNABLE_TYPES.contains(submission.type())) {
            violations.add(new InvalidInputException.Violation("type",
                    "'" + submission.type().wireName() + "' jobs are not offered by this version"));
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
