package dev.shortlist.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The result cache in Redis. */
@ConfigMapping(prefix = "shortlist.cache")
public interface CacheConfig {

    /** Serve identical work from the cache. Default true. */
    @WithDefault("true")
    boolean enabled();

    /** How long a result is kept. Default 7 days. */
    @WithDefault("7d")
    Duration ttl();

    /**
     * How long a job may hold identical work for itself; if its replica dies, identical jobs
     * wait this long before doing the work themselves (the job itself, rescued, carries on at
     * once). Above one LLM call with its retries. Default 2m.
     */
    @WithDefault("2m")
    Duration inFlightLease();

    /** How soon a job waiting on identical work in flight looks again. Default 500ms. */
    @WithDefault("500ms")
    Duration inFlightRecheck();
}
