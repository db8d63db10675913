package dev.shortlist.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.BatchesConfig;
import dev.shortlist.jobs.InvalidInputException;
import dev.shortlist.jobs.InvalidInputException.Violation;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.jobs.StorableJson;
import dev.shortlist.llm.LlmRequest;
import dev.shortlist.llm.SelectedProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a submission must satisfy, for a single job and a batch alike: each rule is written
 * once here, and a refusal names every field that is wrong.
 */
@ApplicationScoped
class SubmissionRules {

    /** Job types this version runs; the others are rejected at submit rather than failing later. */
    static final Set<JobType> RUNNABLE_TYPES = EnumSet.of(JobType.SCORE, JobType.TAILOR, JobType.GENERATE);

    /** Batches score or tailor; generating many resumes from one profile makes no sense. */
    static final Set<JobType> BATCH_TYPES = EnumSet.of(JobType.SCORE, JobType.TAILOR);

    /** The keys {@code options} may hold, in the order a refusal lists them. */
    static final List<String> OPTION_KEYS = List.of("engine", "blind");

    /** Resumes looked at once this many violations are found: a mistake repeated 10,000 times needs no 10,000-line answer. */
    private static final int BATCH_VIOLATIONS_SHOWN = 20;

    private final JobsConfig jobs;
    private final BatchesConfig batches;
    private final SelectedProvider engines;

    SubmissionRules(JobsConfig jobs, BatchesConfig batches, SelectedProvider engines) {
        this.jobs = jobs;
        this.batches = batches;
        this.engines = engines;
    }

    /** The input as given holds only what the database can store (checked before anything reads it). */
    void checkStorable(ObjectNode input) {
        List<Violation> violations = new ArrayList<>();
        StorableJson.check(input, "", violations);
        refuseIfAny(violations);
    }

    /** A single job, its input normalised. */
    void checkJob(JobSubmission submission, ObjectNode input) {
        JobType type = submission.type();
        List<Violation> violations = new ArrayList<>();
        checkIdempotencyKey(submission.idempotencyKey(), violations);
        if (!RUNNABLE_TYPES.contains(type)) {
            violations.add(new Violation("type",
                    "'" + type.wireName() + "' jobs are not offered by this version; use one of " + runnableTypeNames()));
        }
        checkOptions(input.get("options"), violations);
        if (type == JobType.GENERATE) {
            checkProfile(input, violations);
        } else {
            checkText(input.path("resume"), "resume", jobs.resumeMaxChars(), violations);
            if (input.has("profile")) {
                violations.add(new Violation("profile", "is only taken by generate jobs"));
            }
        }
        checkText(input.path("jobDescription"), "jobDescription", jobs.jobDescriptionMaxChars(), violations);
        refuseIfAny(violations);
    }

    /** A batch, every resume of it. */
    void checkBatch(ResolvedBatch batch) {
        BatchSubmission submission = batch.submission();
        List<Violation> violations = new ArrayList<>();
        checkIdempotencyKey(submission.idempotencyKey(), violations);
        if (!BATCH_TYPES.contains(submission.type())) {
            violations.add(new Violation("type", "batches run score or tailor jobs"));
        } else if (!RUNNABLE_TYPES.contains(submission.type())) {
            violations.add(new Violation("type", "'" + submission.type().wireName() + "' jobs are not offered by this version"));
        }
        checkOptions(submission.options(), violations);
        if (submission.rescoreTop() != null) {
            if (submission.type() != JobType.SCORE) {
                violations.add(new Violation("rescore", "only score batches are re-scored"));
            } else if (submission.rescoreTop() < 1 || submission.rescoreTop() > batches.rescoreMaxTop()) {
                violations.add(new Violation("rescore.top", "must be between 1 and " + batches.rescoreMaxTop()));
            } else if (!engines.remoteAvailable()) {
                violations.add(new Violation("rescore",
                        "needs a remote model: set shortlist.llm.openai.api-key (or shortlist.llm.provider=openai)"));
            }
        }
        int count = submission.resumes().size();
        if (count == 0) {
            violations.add(new Violation("resumes", "must hold at least one resume"));
        } else if (count > batches.maxResumes()) {
            violations.add(new Violation("resumes", "holds " + count + " resumes; the limit is " + batches.maxResumes()));
        }
        checkText(batch.jobDescription(), "jobDescription", jobs.jobDescriptionMaxChars(), violations);
        StorableJson.check(batch.jobDescription(), "jobDescription", violations);
        StorableJson.check(submission.options(), "options", violations);
        Set<String> externalIds = new HashSet<>();
        for (int i = 0; i < count && violations.size() < BATCH_VIOLATIONS_SHOWN; i++) {
            ObjectNode resume = batch.resumes().get(i);
            checkText(resume, "resumes[" + i + "]", jobs.resumeMaxChars(), violations);
            StorableJson.check(resume, "resumes[" + i + "]", violations);
            checkExternalId(submission.resumes().get(i).externalId(), "resumes[" + i + "].externalId", externalIds, violations);
        }
        refuseIfAny(violations);
    }

    private void checkIdempotencyKey(String key, List<Violation> violations) {
        if (key != null && (key.isBlank() || key.length() > jobs.idempotencyKeyMaxChars())) {
            violations.add(new Violation("Idempotency-Key", "must be 1 to " + jobs.idempotencyKeyMaxChars() + " characters"));
        }
    }

    /**
     * {@code options}: only the keys this version reads, each valid. A key it does not know is
     * refused by name rather than ignored: a misspelt {@code blnd} must not run a job that is not blind.
     */
    private void checkOptions(JsonNode options, List<Violation> violations) {
        if (options == null || options.isNull()) {
            return;
        }
        options.fieldNames().forEachRemaining(key -> {
            if (!OPTION_KEYS.contains(key)) {
                violations.add(new Violation("options." + key, "is not an option; options are " + OPTION_KEYS));
            }
        });
        checkEngine(options, violations);
        checkBlind(options, violations);
    }

    /**
     * {@code options.engine}: {@code local} for the in-process engine, {@code remote} for the
     * configured remote model, whatever {@code shortlist.llm.provider} says; absent for the
     * provider. A remote model that is not configured is refused at submit, not at run time.
     */
    private void checkEngine(JsonNode options, List<Violation> violations) {
        JsonNode engine = options == null ? null : options.get("engine");
        if (engine == null || engine.isNull()) {
            return;
        }
        if (!LlmRequest.LOCAL.equals(engine.textValue()) && !LlmRequest.REMOTE.equals(engine.textValue())) {
            violations.add(new Violation("options.engine", "must be local or remote"));
        } else if (LlmRequest.REMOTE.equals(engine.textValue()) && !engines.remoteAvailable()) {
            violations.add(new Violation("options.engine",
                    "no remote model is configured: set shortlist.llm.openai.api-key (or shortlist.llm.provider=openai)"));
        }
    }

    /**
     * {@code options.blind}: {@code true} hides who the candidate is in every output of the
     * job. It is part of the input, so it is hashed with it: a blind job never shares a
     * cached result with one that is not.
     */
    private static void checkBlind(JsonNode options, List<Violation> violations) {
        JsonNode blind = options == null ? null : options.get("blind");
        if (blind != null && !blind.isNull() && !blind.isBoolean()) {
            violations.add(new Violation("options.blind", "must be true or false"));
        }
    }

    /** A text input ({@code {"text": ...}}) holds some text, and not too much; reported as {@code field.text}. */
    private static void checkText(JsonNode textInput, String field, int maxChars, List<Violation> violations) {
        String text = textInput.path("text").asText("");
        if (text.isBlank()) {
            violations.add(new Violation(field + ".text", "must not be blank"));
        } else if (text.length() > maxChars) {
            violations.add(new Violation(field + ".text", "is " + text.length() + " characters long; the limit is " + maxChars));
        }
    }

    /** A generate job writes from a profile, which must at least name the candidate. */
    private void checkProfile(ObjectNode input, List<Violation> violations) {
        int maxChars = jobs.resumeMaxChars();
        if (input.has("resume")) {
            violations.add(new Violation("resume", "generate jobs take a profile, not a resume"));
        }
        if (!(input.get("profile") instanceof ObjectNode profile)) {
            violations.add(new Violation("profile", "is required for generate jobs and must be an object"));
            return;
        }
        if (!profile.path("name").isTextual() && !profile.path("basics").path("name").isTextual()) {
            violations.add(new Violation("profile.name", "must name the candidate"));
        } else if (profile.path("name").asText(profile.path("basics").path("name").asText()).isBlank()) {
            violations.add(new Violation("profile.name", "must not be blank"));
        }
        if (profile.toString().length() > maxChars) {
            violations.add(new Violation("profile", "is longer than " + maxChars + " characters"));
        }
    }

    /** The caller's id for a resume: storable, not too long, and used once in the batch. */
    private void checkExternalId(String externalId, String field, Set<String> seen, List<Violation> violations) {
        if (externalId == null) {
            return;
        }
        String unstorable = StorableJson.unstorable(externalId);
        if (unstorable != null) {
            violations.add(new Violation(field, unstorable));
        }
        if (externalId.length() > batches.externalIdMaxChars()) {
            violations.add(new Violation(field, "is longer than " + batches.externalIdMaxChars() + " characters"));
        } else if (!seen.add(externalId)) {
            violations.add(new Violation(field, "'" + externalId + "' is used by another resume of this batch"));
        }
    }

    private static String runnableTypeNames() {
        return RUNNABLE_TYPES.stream().map(JobType::wireName).sorted().toList().toString();
    }

    private static void refuseIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
