package dev.shortlist.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.BatchesConfig;
import dev.shortlist.jobs.IdempotencyKeys;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.jobs.StorableJson;
import dev.shortlist.llm.LlmRequest;
import dev.shortlist.llm.LocalProvider;
import dev.shortlist.llm.SelectedProvider;
import dev.shortlist.llm.local.ScoringPolicy;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.platform.problem.InvalidInputException.Violation;
import dev.shortlist.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    static final List<String> OPTION_KEYS = List.of("engine", "blind", "weights");

    /** The most a criterion may weigh ({@code options.weights}): the scale a score's components report their weights on. */
    private static final double MAX_WEIGHT = 1.0;

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
        checkOptions(input.get("options"), type, violations);
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
        checkOptions(submission.options(), submission.type(), violations);
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
            if (submission.resumes().get(i).selfIdentified() != null) {
                submission.resumes().get(i).selfIdentified().check("resumes[" + i + "].selfIdentified", violations);
            }
        }
        refuseIfAny(violations);
    }

    private void checkIdempotencyKey(String key, List<Violation> violations) {
        IdempotencyKeys.problem(key, jobs).ifPresent(violations::add);
    }

    /**
     * {@code options}: only the keys this version reads, each valid. A key it does not know is
     * refused by name rather than ignored: a misspelt {@code blnd} must not run a job that is not blind.
     */
    private void checkOptions(JsonNode options, JobType type, List<Violation> violations) {
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
        checkWeights(options, type, violations);
    }

    /**
     * {@code options.weights}: a weight from 0 to 1 for any of the local engine's criteria
     * (the names of a score's components), the others keeping the engine's own. Score jobs on
     * the local engine only: a remote model has no criteria to weigh.
     */
    private void checkWeights(JsonNode options, JobType type, List<Violation> violations) {
        JsonNode weights = options.get("weights");
        if (weights == null || weights.isNull()) {
            return;
        }
        if (!weights.isObject()) {
            violations.add(new Violation("options.weights", "must be an object of criterion: weight, criteria are "
                    + ScoringPolicy.CRITERIA));
            return;
        }
        if (type != JobType.SCORE) {
            violations.add(new Violation("options.weights", "weigh a score's criteria; " + type.wireName() + " jobs have none"));
        }
        if (!LocalProvider.ENGINE.equals(engines.answering(options.path("engine").textValue()).engine())) {
            violations.add(new Violation("options.weights",
                    "weigh the local engine's criteria and this job runs on the remote model; add \"engine\": \"local\""));
        }
        Map<String, Double> given = new LinkedHashMap<>();
        weights.fields().forEachRemaining(weight -> {
            String field = "options.weights." + weight.getKey();
            if (!ScoringPolicy.CRITERIA.contains(weight.getKey())) {
                violations.add(new Violation(field, "is not a criterion; criteria are " + ScoringPolicy.CRITERIA));
            } else if (!weight.getValue().isNumber() || weight.getValue().asDouble() < 0 || weight.getValue().asDouble() > MAX_WEIGHT) {
                violations.add(new Violation(field, "must be a number from 0 to " + (int) MAX_WEIGHT));
            } else {
                given.put(weight.getKey(), weight.getValue().asDouble());
            }
        });
        if (given.size() == weights.size()
                && ScoringPolicy.DEFAULT.withWeights(given).weights().values().stream().allMatch(weight -> weight == 0)) {
            violations.add(new Violation("options.weights", "leave at least one criterion a weight above 0"));
        }
    }

    /**
     * The options as they are hashed and run, after the checks: blind where the caller's key
     * screens blind by default and the options do not say otherwise, and each weight written as
     * a decimal ({@code 1} as {@code 1.0}) so that equal weights hash equally however they were typed.
     */
    static void normaliseOptions(Caller caller, ObjectNode options) {
        if (caller.blindByDefault() && !options.has("blind")) {
            options.put("blind", true);
        }
        normaliseWeights(options);
    }

    /** Each weight written as a decimal ({@code 1} as {@code 1.0}), so that equal weights hash equally however they were typed. */
    static void normaliseWeights(JsonNode options) {
        if (options != null && options.get("weights") instanceof ObjectNode weights) {
            weights.fields().forEachRemaining(weight -> weight.setValue(weights.numberNode(weight.getValue().asDouble())));
        }
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
