package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shortlist.cache.ResultCache;
import dev.shortlist.documents.TextNormalizer;
import dev.shortlist.observability.JobMetrics;
import dev.shortlist.security.Caller;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Submits and looks up jobs on behalf of a caller. */
@ApplicationScoped
public class JobService {

    /** Job types this version runs; the others are rejected at submit rather than failing later. */
    static final Set<JobType> RUNNABLE_TYPES = EnumSet.of(JobType.SCORE);

    private final JobRepository jobs;
    private final JobsConfig config;
    private final JobMetrics metrics;
    private final Event<JobSubmitted> submitted;
    private final ResultCache resultCache;

    public JobService(JobRepository jobs, JobsConfig config, JobMetrics metrics, Event<JobSubmitted> submitted,
            ResultCache resultCache) {
        this.jobs = jobs;
        this.resultCache = resultCache;
        this.config = config;
        this.metrics = metrics;
        this.submitted = submitted;
    }

    public Uni<Job> submit(Caller caller, JobSubmission submission) {
        ObjectNode input = normalise(submission.input());
        checkLimits(submission.type(), input);
        NewJob job = new NewJob(UUID.randomUUID(), caller.owner(), submission.type(), submission.priority(), null,
                input, InputHash.of(submission.type(), input), null, config.maxAttempts());
        return resultCache.findForNewJob(job.type().wireName(), job.inputHash())
                .flatMap(hit -> hit.isPresent()
                        ? jobs.insertCached(job, hit.get().result(), hit.get().engine(), hit.get().model())
                        : jobs.insert(job))
                .invoke(stored -> Log.debugf("Job %s submitted: %s for %s", stored.id(), stored.type().wireName(), caller.owner()))
                .invoke(stored -> metrics.submitted(stored.type().wireName()))
                .invoke(stored -> {
                    if (!stored.cacheHit()) {
                        submitted.fire(new JobSubmitted(stored.id()));
                    }
                });
    }

    public Uni<Job> find(Caller caller, UUID id) {
        return jobs.findOwned(id, caller.owner())
                .map(found -> found.orElseThrow(() -> new JobNotFoundException(id)));
    }

    private void checkLimits(JobType type, ObjectNode input) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        if (!RUNNABLE_TYPES.contains(type)) {
            violations.add(new InvalidInputException.Violation("type",
                    "'" + type.wireName() + "' jobs are not offered by this version; use one of " + runnableTypeNames()));
        }
        checkText(input, "resume", config.resumeMaxChars(), violations);
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
