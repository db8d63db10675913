package dev.shortlist.llm;

import dev.shortlist.llm.local.LocalScorer;
import java.time.Instant;
import java.util.Map;

/**
 * One piece of work for a provider.
 *
 * @param task          what to produce: {@code score}, {@code tailor} or {@code generate}
 * @param promptVersion the version of the prompt (and result schema) the result must follow
 * @param documents     the texts to work on by name ({@code resume}, {@code jobDescription}); untrusted
 * @param owner         the API key the work is for: its calls, tokens and cost are booked to it
 * @param waitingSince  since when the job has been waiting for the model, or null when it has not waited
 * @param jobReading    the local engine's reading of the job description, stored with the posting it came
 *                      from; null to read the text. Remote models read the text either way.
 * @param engine        the engine the job asks for ({@link #LOCAL} or {@link #REMOTE}), or null for the configured one
 * @param blind         whether the job screens blind: a remote model then never gets the candidate's personal
 *                      data, whatever {@code shortlist.llm.openai.redact-pii} says
 * @param weights       the weights the job gives the local engine's criteria ({@code options.weights}); empty for its own
 */
public record LlmRequest(String task, String promptVersion, Map<String, String> documents, String owner,
        Instant waitingSince, LocalScorer.Job jobReading, String engine, boolean blind,
        Map<String, Double> weights) {

    /** A job's {@code options.engine}: the in-process engine, whatever the service's provider. */
    public static final String LOCAL = "local";
    /** A job's {@code options.engine}: the configured remote model, whatever the service's provider. */
    public static final String REMOTE = "remote";

    /** Work on no one's behalf that has not waited, on the configured engine (benchmarks, tools). */
    public LlmRequest(String task, String promptVersion, Map<String, String> documents) {
        this(task, promptVersion, documents, "anonymous", null, null, null, false, Map.of());
    }

    public String document(String name) {
        String text = documents.get(name);
        if (text == null) {
            throw new IllegalArgumentException("request has no " + name);
        }
        return text;
    }
}
