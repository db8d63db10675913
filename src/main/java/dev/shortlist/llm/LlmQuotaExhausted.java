package dev.shortlist.llm;

import java.time.Duration;

/** The global LLM quota is used up for now: the work should wait, not fail. */
public class LlmQuotaExhausted extends RuntimeException {

    private final Duration wait;
    private final String limit;

    public LlmQuotaExhausted(Duration wait, String limit) {
        super("the " + limit + " LLM quota is used up for " + wait, null, false, false);
        this.wait = wait;
        this.limit = limit;
    }

    public Duration waitFor() {
        return wait;
    }

    public String limit() {
        return limit;
    }
}
