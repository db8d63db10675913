package dev.shortlist.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * A provider's answer: the output object (to be validated against the task's schema by
 * the caller), which engine and model produced it, and its cost.
 */
public record Completion(ObjectNode output, String engine, String model, int tokensIn, int tokensOut, BigDecimal costUsd) {
}
