package dev.shortlist.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;

/** The examples of the document: what a client sends and gets back, as a reader of the contract would try it. */
final class OpenApiExamples {

    private OpenApiExamples() {
    }

    static void add(OpenAPI openAPI) {
        Operation submit = openAPI.getPaths().getPathItem("/api/v1/jobs").getPOST();
        submit.getRequestBody().getContent().getMediaType("application/json").addExample("score", example(
                "Score a resume against a job description", ordered(
                        "type", "score",
                        "resume", ordered("text", "Jane Doe, Backend Engineer. Built Java 17 services on PostgreSQL and Kubernetes."),
                        "jobDescription", ordered("text", "Senior Java developer: Java, PostgreSQL, Kubernetes; 5+ years."))));
        Map<String, Object> queued = new LinkedHashMap<>();
        queued.put("id", "6f1c2a9e-8d4b-4c1e-9a57-2b3f4d5e6a7b");
        queued.put("type", "score");
        queued.put("status", "queued");
        queued.put("priority", "normal");
        queued.put("progress", 0);
        queued.put("attempts", 0);
        queued.put("maxAttempts", 3);
        queued.put("cacheHit", false);
        queued.put("createdAt", "2026-01-05T09:30:00Z");
        queued.put("startedAt", null);
        queued.put("finishedAt", null);
        queued.put("result", null);
        queued.put("error", null);
        queued.put("usage", null);
        queued.put("waitingFor", null);
        queued.put("waitingSince", null);
        submit.getResponses().getAPIResponse("202").getContent().getMediaType("application/json")
                .addExample("queued", example("The job, stored and queued", queued));

        Map<String, Object> succeeded = new LinkedHashMap<>(queued);
        succeeded.put("status", "succeeded");
        succeeded.put("progress", 100);
        succeeded.put("attempts", 1);
        succeeded.put("startedAt", "2026-01-05T09:30:01Z");
        succeeded.put("finishedAt", "2026-01-05T09:30:02Z");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("score", 82);
        result.put("recommendation", "shortlist");
        result.put("matchedSkills", List.of("java", "postgresql", "kubernetes"));
        result.put("missingSkills", List.of());
        result.put("evidence", List.of(ordered("skill", "java", "quote", "Built Java 17 services on PostgreSQL and Kubernetes.")));
        result.put("summary", "Strong match: every required skill is evidenced.");
        result.put("engine", "local");
        result.put("model", "local-v1");
        result.put("promptVersion", "score-v1");
        result.put("flags", ordered("promptInjection", false));
        succeeded.put("result", result);
        succeeded.put("usage", ordered("engine", "local", "model", "local-v1", "tokensIn", 0, "tokensOut", 0, "costUsd", 0));
        openAPI.getPaths().getPathItem("/api/v1/jobs/{id}").getGET().getResponses().getAPIResponse("200").getContent()
                .getMediaType("application/json").addExample("succeeded", example("A score job that succeeded", succeeded));
    }

    /** A JSON object in the order given (Map.of's order changes from one run to the next). */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static Example example(String summary, Object value) {
        return OASFactory.createExample().summary(summary).value(value);
    }
}
