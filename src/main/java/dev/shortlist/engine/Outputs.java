package dev.shortlist.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobProgress;
import dev.shortlist.jobs.JobStage;
import dev.shortlist.jobs.LlmUsage;
import dev.shortlist.llm.Completion;
import dev.shortlist.llm.LlmProvider;
import dev.shortlist.llm.LocalProvider;
import dev.shortlist.llm.LlmRequest;
import dev.shortlist.llm.ResultSchema;
import dev.shortlist.llm.local.LocalScorer;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The checks and stamps every handler applies to an engine's answer, whichever engine gave it. */
final class Outputs {

    private Outputs() {
    }

    /** The request of a job that works on a resume against a job description. */
    /** The engine's answer to the request, the job's stage saying which engine is at work. */
    static Uni<Completion> answered(LlmProvider provider, LlmRequest request, JobProgress progress) {
        progress.reached(LocalProvider.ENGINE.equals(provider.engineFor(request)) ? JobStage.SCORING : JobStage.MODEL_CALL);
        return provider.complete(request);
    }

    static LlmRequest resumeAndJob(String task, String promptVersion, String resume, Job job, LocalScorer.Job jobReading) {
        return request(job, task, promptVersion, "resume", resume, jobReading);
    }

    /**
     * The request of a job on one candidate document ({@code resume} or {@code profile}) and the
     * job description, with the local engine's stored reading of it when it came from a posting (else null).
     */
    static LlmRequest request(Job job, String task, String promptVersion, String documentName, String document,
            LocalScorer.Job jobReading) {
        return new LlmRequest(task, promptVersion, Map.of(
                documentName, document,
                "jobDescription", job.input().path("jobDescription").path("text").asText()),
                job.owner(), job.waitingSince(), jobReading, requestedEngine(job), blind(job), weights(job));
    }

    /** Whether a job asks for blind screening ({@code options.blind}). */
    static boolean blind(Job job) {
        return job.input().path("options").path("blind").asBoolean(false);
    }

    /** The weights a job gives the local engine's criteria ({@code options.weights}), by name; empty for none. */
    static Map<String, Double> weights(Job job) {
        Map<String, Double> weights = new TreeMap<>();
        job.input().path("options").path("weights").fields()
                .forEachRemaining(weight -> weights.put(weight.getKey(), weight.getValue().asDouble()));
        return weights;
    }

    /** The engine a job asks for in {@code options.engine}, or null for the configured one. */
    static String requestedEngine(Job job) {
        return job.input().path("options").path("engine").textValue();
    }

    /**
     * The one check every result passes, whichever engine made it: the job type's result
     * schema. An engine whose answer breaks it fails the job rather than hand a client
     * another shape.
     */
    static void conform(ObjectNode result, ResultSchema schema, String type) {
        List<String> violations = schema.violations(result);
        if (!violations.isEmpty()) {
            throw invalid(type, String.join("; ", violations));
        }
    }

    /** A copy of the answer carrying who produced it, under which prompt version, and a flags object. */
    static ObjectNode stamped(Completion completion, String promptVersion) {
        ObjectNode result = completion.output().deepCopy();
        result.put("engine", completion.engine());
        result.put("model", completion.model());
        result.put("promptVersion", promptVersion);
        if (!(result.get("flags") instanceof ObjectNode)) {
            result.putObject("flags").put("promptInjection", false);
        } else if (!result.get("flags").has("promptInjection")) {
            ((ObjectNode) result.get("flags")).put("promptInjection", false);
        }
        return result;
    }

    static HandlerResult withUsage(ObjectNode result, Completion completion) {
        return new HandlerResult(result, new LlmUsage(completion.engine(), completion.model(),
                completion.tokensIn(), completion.tokensOut(), completion.costUsd()));
    }

    static void requireLists(ObjectNode output, String type, List<String> lists) {
        for (String list : lists) {
            if (!(output.get(list) instanceof ArrayNode)) {
                throw invalid(type, list + " is missing or not a list");
            }
        }
    }

    static void requireText(ObjectNode output, String type, String field) {
        if (!output.path(field).isTextual() || output.path(field).asText().isBlank()) {
            throw invalid(type, field + " is missing or empty");
        }
    }

    /** A 0–100 score field, rounded and clamped: an engine's number never leaves the schema's range. */
    static void clampScore(ObjectNode output, String type, String field) {
        JsonNode score = output.get(field);
        if (score == null || !score.isNumber()) {
            throw invalid(type, field + " is missing or not a number");
        }
        output.put(field, Math.max(0, Math.min(100, (int) Math.round(score.asDouble()))));
    }

    static JobFailure invalid(String type, String why) {
        return new JobFailure(new JobError("invalid_output", "the engine's answer broke the " + type + " schema: " + why, false), null);
    }
}
