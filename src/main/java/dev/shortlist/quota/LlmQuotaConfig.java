package dev.shortlist.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The global LLM quota shared by every replica: the provider's own limits, or a budget. Unset = unlimited. */
@ConfigMapping(prefix = "shortlist.llm.quota")
public interface LlmQuotaConfig {

    /** Requests to the remote model per minute, all replicas together. Default: unlimited. */
    Optional<Integer> requestsPerMinute();

    /** Tokens (prompt and completion) per minute, all replicas together. Default: unlimited. */
    Optional<Long> tokensPerMinute();

    /** Requests per day (UTC), all replicas together. Default: unlimited. */
    Optional<Integer> requestsPerDay();

    /** Length of the per-minute window; only tests shorten it. Default 60s. */
    @WithDefault("60s")
    Duration minute();

    /**
     * With {@code shortlist.llm.fallback=local}, a job that would wait longer than this for
     * quota is answered by the local engine instead. Default 60s.
     */
    @WithDefault("60s")
    Duration fallbackAfter();
}
