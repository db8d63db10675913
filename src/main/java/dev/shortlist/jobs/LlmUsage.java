package dev.shortlist.jobs;

import java.math.BigDecimal;

/** Which engine and model produced a result, and what it cost. */
public record LlmUsage(String engine, String model, int tokensIn, int tokensOut, BigDecimal costUsd) {

    public static LlmUsage none(String engine, String model) {
        return new LlmUsage(engine, model, 0, 0, BigDecimal.ZERO);
    }
}
