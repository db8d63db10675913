package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shortlist.documents.TextNormalizer;
import dev.shortlist.cache.CachedResult;
import dev.shortlist.cache.ResultCache;
import dev.shortlist.cpu.CpuPool;
import dev.shortlist.observability.JobMetrics;
import dev.shortlist.llm.SelectedProvider;
import dev.shortlist.observability.JobTracing;
import dev.shortlist.quota.DailyQuotas;
import dev.shortlist.quota.QuotaExceededException;
import dev.shortlist.security.Caller;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Submits and looks up jobs on behalf of a caller. */
@ApplicationScoped
public class JobService {

    /** Job types this version runs; the others are rejected at submit rather than failing later. */
    static final Set<JobType> RUNNABLE_TYPES = EnumSet.of(JobType.SCORE, JobType.TAILOR, JobType.GENERATE);

    /** What a 429 for a full queue suggests: long enough for some of the queue to have run. */
    static final Duration QUEUE_FULL_RETRY_AFTER = Duration.ofSeconds(30);


    private final JobRepository jobs;
    private final JobWrites writes;
    private final JobsConfig config;
    private final JobMetrics metrics;
    private final JobEvents events;
    private final ResultCache resultCache;
    private final QueuedCounts queuedCounts;
    private final DailyQuotas quotas;
    private final SubmitInserts submitInserts;
    private final CpuPool cpu;
    private final SelectedProvider engines;
    private final JobTracing tracing;

    public JobService(JobRepository jobs, JobWrites writes, JobsConfig config, JobMetrics metrics, JobEvents events,
            ResultCache resultCache, QueuedCounts queuedCounts, DailyQuotas quotas, SubmitInserts submitInserts, CpuPool cpu,
            SelectedProvider engines, JobTracing tracing) {
        this.engines = engines;
        this.tracing = tracing;
        this.quotas = quotas;
        this.submitInserts = submitInserts;
        this.cpu = cpu;
        this.resultCache = resultCache;
        this.queuedCounts = queuedCounts;
        this.jobs = jobs;
        this.writes = writes;
        this.config = config;
        this.metrics = metrics;
        this.events = events;
    }

    /**
     * Stores the job, or with an Idempotency-Key already used for the same request,
     * returns that job instead. Refused when the caller's queue is full.
     */
    public Uni<Submitted> submit(Caller caller, JobSubmission submission) {
        // The request's trace goes with the job, for the run that claims it to continue.
        String traceparent = tracing.traceparent();
        // Checking, normalising and hashing a large text is CPU work: the CPU pool does it.
        return cpu.run(() -> checked(caller, submission, traceparent)).chain(job -> store(caller, job));
    }

    /** The job to store: its input checked, normalised and hashed. */
    private NewJob checked(Caller caller, JobSubmission submission, String traceparent) {
        List<InvalidInputException.Violation> controls = new ArrayList<>();
        StorableJson.check(submission.input(), "", controls);
        if (!controls.isEmpty()) {
            throw new InvalidInputException(controls);
        }
        ObjectNode input = normalise(submission.input());
        checkLimits(submission, input);
        return new NewJob(UUID.randomUUID(), caller.owner(), submission.type(), submission.priority(), null,
                input, InputHash.of(submission.type(), input), submission.idempotencyKey(), config.maxAttempts(), null,
                traceparent);
    }

    private Uni<Submitted> store(Caller caller, NewJob job) {
        String type = job.type().wireName();
        // The quota and the cached result in one round trip to Redis.
        String cacheEntry = resultCache.entryForNewJob(type, job.inputHash(), job.input().path("options").path("engine").textValue())
                .orElse(null);
        return quotas.take(caller.owner(), caller.limits(), type, 1, cacheEntry)
                .chain(taken -> {
                    if (!taken.allowed()) {
                        throw new QuotaExceededException(taken.refusedQuota(), taken.limit(), taken.resetAt());
                    }
                    Optional<CachedResult> hit = cacheEntry == null ? Optional.empty() : resultCache.foundForNewJob(taken.readAlong());
                    // A job that is not stored gives its share of the quota back.
                    return (hit.isPresent()
                                    ? writes.insertCached(job, hit.get().result(), hit.get().engine(), hit.get().model())
                                    : insertQueued(caller, job))
                            .onFailure().call(() -> quotas.refund(caller.owner(), type, 1));
                })
                .chain(stored -> stored.isPresent()
                        ? Uni.createFrom().item(new Submitted(stored.get(), true)).invoke(this::announce)
                        : quotas.refund(caller.owner(), type, 1).chain(() -> replay(caller, job)));
    }

    /** A job for the queue, unless the caller's queue is full. */
    private Uni<Optional<Job>> insertQueued(Caller caller, NewJob job) {
        return queuedCounts.atCap(caller.owner(), config.ownerQueuedCap()).chain(full -> {
            if (full) {
                throw new QueueFullException(config.ownerQueuedCap(), QUEUE_FULL_RETRY_AFTER);
            }
            return submitInserts.insert(job).invoke(stored -> stored.ifPresent(inserted -> queuedCounts.queued(inserted.owner())));
        });
    }

    private void announce(Submitted submitted) {
        Job job = submitted.job();
        Log.debugf("Job %s submitted: %s for %s", job.id(), job.type().wireName(), job.owner());
        metrics.submitted(job.type().wireName());
        if (!job.cacheHit()) {
            events.announceSubmitted();
        }
    }

    /** The job an earlier submit with this Idempotency-Key created, if the request was the same. */
    private Uni<Submitted> replay(Caller caller, NewJob attempted) {
        return jobs.findByIdempotencyKey(caller.owner(), attempted.idempotencyKey()).map(found -> {
            Job earlier = found.orElseThrow(() -> new IllegalStateException("idempotency key conflict without a job"));
            if (earlier.type() != attempted.type() || earlier.priority() != attempted.priority()
                    || !earlier.inputHash().equals(attempted.inputHash())) {
                throw new IdempotencyConflictException(attempted.idempotencyKey());
            }
            return new Submitted(earlier, false);
        });
    }

    public Uni<Job> find(Caller caller, UUID id) {
        return jobs.findOwned(id, caller.owner())
                .map(found -> found.orElseThrow(() -> new JobNotFoundException(id)));
    }

    /**
     * Cancels a queued job at once. A running job is cancelled too: its result can no
     * longer be stored, and the replica running it stops its work when it hears of it.
     */
    public Uni<Job> cancel(Caller caller, UUID id) {
        return writes.cancel(id, caller.owner()).chain(cancelled -> cancelled.isPresent()
                ? Uni.createFrom().item(cancelled.get())
                : find(caller, id).map(job -> {
                    throw new JobFinishedException(id, job.status());
                }));
    }

    /** A page of the caller's jobs, newest first. */
    public Uni<JobPage> list(Caller caller, JobFilter filter, JobCursor after, int limit) {
        return jobs.list(caller.owner(), filter, after, limit + 1).map(found -> found.size() > limit
                ? new JobPage(found.subList(0, limit), JobCursor.after(found.get(limit - 1)))
                : new JobPage(found, null));
    }

    /**
     * The job now and at each change of its status or progress, on whichever replica it
     * runs, completing once it has ended. Changes arrive as announcements from the
     * database; a slow re-read covers any announcement missed.
     *
     * @param current the job as just read for the caller (see {@link #find})
     */
    public Multi<Job> follow(Caller caller, Job current) {
        UUID id = current.id();
        Multi<Object> signals = Multi.createBy().merging().streams(
                events.changesOf(id).map(change -> (Object) change),
                Multi.createFrom().ticks().every(config.eventsSafetyPoll()).map(tick -> (Object) tick));
        Multi<Job> later = signals
                .onItem().transformToUniAndConcatenate(signal -> jobs.findOwned(id, caller.owner()))
                .select().where(Optional::isPresent)
                .map(Optional::get);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(current), later)
                .skip().repetitions()
                .plug(JobService::untilEnded);
    }

    /** Passes jobs on until one has ended, that one included. */
    private static Multi<Job> untilEnded(Multi<Job> jobs) {
        return Multi.createFrom().emitter(emitter -> {
            var subscription = jobs.subscribe().with(job -> {
                emitter.emit(job);
                if (job.status().isTerminal()) {
                    emitter.complete();
                }
            }, emitter::fail, emitter::complete);
            emitter.onTermination(subscription::cancel);
        });
    }

    private void checkLimits(JobSubmission submission, ObjectNode input) {
        JobType type = submission.type();
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        String key = submission.idempotencyKey();
        if (key != null && (key.isBlank() || key.length() > config.idempotencyKeyMaxChars())) {
            violations.add(new InvalidInputException.Violation("Idempotency-Key",
                    "must be 1 to " + config.idempotencyKeyMaxChars() + " characters"));
        }
        if (!RUNNABLE_TYPES.contains(type)) {
            violations.add(new InvalidInputException.Violation("type",
                    "'" + type.wireName() + "' jobs are not offered by this version; use one of " + runnableTypeNames()));
        }
        EngineOption.check(input.get("options"), "options.engine", engines, violations);
        BlindOption.check(input.get("options"), violations);
        if (type == JobType.GENERATE) {
            checkProfile(input, config.resumeMaxChars(), violations);
        } else {
            checkText(input, "resume", config.resumeMaxChars(), violations);
            if (input.has("profile")) {
                violations.add(new InvalidInputException.Violation("profile", "is only taken by generate jobs"));
            }
        }
        checkText(input, "jobDescription", config.jobDescriptionMaxChars(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static void checkText(ObjectNode input, String field, int maxChars, List<InvalidInputException.Violation> violations) {
        String text = input.path(field).path("text").asText("");
        if (text.isBlank()) {
            violations.add(new InvalidInputException.Violation(field + ".text", "must not be blank"));
        } else if (text.length() > maxChars) {
            violations.add(new InvalidInputException.Violation(field + ".text",
                    "is " + text.length() + " characters long; the limit is " + maxChars));
        }
    }

    /** A generate job writes from a profile, which must at least name the candidate. */
    private static void checkProfile(ObjectNode input, int maxChars, List<InvalidInputException.Violation> violations) {
        if (input.has("resume")) {
            violations.add(new InvalidInputException.Violation("resume", "generate jobs take a profile, not a resume"));
        }
        if (!(input.get("profile") instanceof ObjectNode profile)) {
            violations.add(new InvalidInputException.Violation("profile", "is required for generate jobs and must be an object"));
            return;
        }
        if (!profile.path("name").isTextual() && !profile.path("basics").path("name").isTextual()) {
            violations.add(new InvalidInputException.Violation("profile.name", "must name the candidate"));
        } else if (profile.path("name").asText(profile.path("basics").path("name").asText()).isBlank()) {
            violations.add(new InvalidInputException.Violation("profile.name", "must not be blank"));
        }
        if (profile.toString().length() > maxChars) {
            violations.add(new InvalidInputException.Violation("profile", "is longer than " + maxChars + " characters"));
        }
    }

    private static String runnableTypeNames() {
        return RUNNABLE_TYPES.stream().map(JobType::wireName).sorted().toList().toString();
    }

    /** Equal texts hash equally, however they were pasted. */
    private static ObjectNode normalise(ObjectNode input) {
        ObjectNode copy = input.deepCopy();
        for (String field : List.of("resume", "jobDescription")) {
            if (copy.path(field).path("text").isTextual()) {
                ((ObjectNode) copy.get(field)).set("text", TextNode.valueOf(TextNormalizer.normalize(copy.get(field).get("text").asText())));
            }
        }
        return copy;
    }
}
