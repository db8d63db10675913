package dev.shortlist.platform.quota;

import java.math.BigDecimal;

/** What one API key's jobs spent on the remote model today (UTC): HTTP calls, tokens and cost. */
public record KeyLlmUsage(long calls, long tokensIn, long tokensOut, BigDecimal costUsd) {

    static final KeyLlmUsage NONE = new KeyLlmUsage(0, 0, 0, BigDecimal.ZERO);
}
