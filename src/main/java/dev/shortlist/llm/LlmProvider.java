package dev.shortlist.llm;

import io.smallrye.mutiny.Uni;

/** Something that turns a request into structured output: a remote model or the local engine. */
public interface LlmProvider {

    /** The engine name recorded with every result, e.g. {@code local} or {@code openai}. */
    String engine();

    /** The model recorded with results, e.g. {@code gpt-4o-mini}. */
    String model();

    /**
     * Produces the output for the request. Never blocks the caller's thread. Fails with
     * {@link LlmException} whose {@code retryable} flag says whether trying later could help.
     */
    Uni<Completion> complete(LlmRequest request);

    /** The engine that will answer {@code request}: this one, unless it chooses between engines. */
    default String engineFor(LlmRequest request) {
        return engine();
    }
}
