package dev.shortlist.platform.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * The LLM quota shared by every replica: the provider's own limits, or a budget. Every HTTP
 * call to the model counts, retries and repairs included. Unset = unlimited.
 */
@ConfigMapping(prefix = "shortlist.llm.quota")
public interface LlmQuotaConfig {

    /**
     * Calls to the remote model in any rolling minute, all replicas together: the provider
     * never sees more. Default: unlimited.
     */
    Optional<Integer> requestsPerMinute();

    /** Tokens (prompt and completion) per minute, all replicas together. Default: unlimited. */
    Optional<Long> tokensPerMinute();

    /** Requests per day (UTC), all replicas together. Default: unlimited. */
    Optional<Integer> requestsPerDay();

    /** Tokens per minute one API key's jobs may spend, so one caller cannot take the whole budget. Default: unlimited. */
    Optional<Long> tokensPerMinutePerKey();

    /** USD one API key's jobs may spend on the model per day (UTC); its jobs then wait for midnight. Default: unlimited. */
    Optional<BigDecimal> costPerKeyPerDay();

    /** Length of the per-minute window; only tests shorten it. Default 60s. */
    @WithDefault("60s")
    Duration minute();

    /**
     * A granted call keeps counting against the rolling minute this much longer, so calls
     * granted at a window's edge and slowed on the way still reach the provider at most
     * requests-per-minute in any minute. Default 1s.
     */
    @WithDefault("1s")
    Duration windowMargin();

    /**
     * With {@code shortlist.llm.fallback=local}, a job that would wait longer than this for
     * quota is answered by the local engine instead. Default 60s.
     */
    @WithDefault("60s")
    Duration fallbackAfter();
}
