package dev.shortlist.platform.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How every Redis user (rate limits, quotas, the LLM quota, the result cache) treats a slow or absent Redis. */
@ConfigMapping(prefix = "shortlist.redis")
public interface RedisGuardConfig {

    /**
     * How long one Redis operation may take before its caller falls back to its in-memory
     * alternative. Well under the client's own timeout, so an API request never waits on a hung
     * Redis for long. Default 1s.
     */
    @WithDefault("1s")
    Duration callTimeout();

    /**
     * After a failure, how long every caller goes around Redis before trying it again, so an
     * outage costs one timeout per pause instead of one per call. Default 1s.
     */
    @WithDefault("1s")
    Duration retryAfterFailure();
}
