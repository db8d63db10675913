package dev.shortlist.cache;

import java.util.Optional;

/**
 * Tells the cache what the result of a job submitted now would depend on: the engine,
 * model and prompt version that would answer it. Empty when results of that type are not cached.
 */
public interface CacheKeys {

    /** {@code engine}: what the job asks for in {@code options.engine}, or null for the configured engine. */
    Optional<CacheKey> forNewJob(String jobType, String inputHash, String engine);
}
