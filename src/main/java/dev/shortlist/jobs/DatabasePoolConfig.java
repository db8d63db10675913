package dev.shortlist.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the reactive PostgreSQL pool behaves when the database is slow, saturated or gone. */
@ConfigMapping(prefix = "shortlist.database")
public interface DatabasePoolConfig {

    /**
     * Longest a statement waits for a free pool connection before it fails (a submit then
     * answers 503 database-busy with Retry-After). Default 3s. The client's own default,
     * 30 seconds, holds requests until their callers have given up.
     */
    @WithDefault("3s")
    Duration acquireTimeout();

    /** Longest wait to open a connection to PostgreSQL. Default 2s; the client's default is 60 seconds. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Connections of the pipeline's own pool (claims, lease renewals, outcomes), apart from
     * the requests' pool ({@code quarkus.datasource.reactive.max-size}). Follows
     * {@code shortlist.pipeline.concurrency} (one per 8 slots, 4 to 32) unless set.
     */
    @WithDefault("4")
    int pipelineMaxSize();
}
