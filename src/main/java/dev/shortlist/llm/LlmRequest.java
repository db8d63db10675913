package dev.shortlist.llm;

import java.util.Map;

/**
 * One piece of work for a provider.
 *
 * @param task          what to produce: {@code score}, {@code tailor} or {@code generate}
 * @param promptVersion the version of the prompt (and output schema) the result must follow
 * @param documents     the texts to work on by name ({@code resume}, {@code jobDescription}); untrusted
 */
public record LlmRequest(String task, String promptVersion, Map<String, String> documents) {

    public String document(String name) {
        String text = documents.get(name);
        if (text == null) {
            throw new IllegalArgumentException("request has no " + name);
        }
        return text;
    }
}
