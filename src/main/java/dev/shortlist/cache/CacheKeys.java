package dev.shortlist.cache;

import java.util.Optional;

/**
 * Tells the cache what the result of a job submitted now would depend on: the engine,
 * model and prompt version that would answer it. Empty when results of that type are not cached.
 */
public interface CacheKeys {

    Optional<CacheKey> forNewJob(String jobType, String inputHash);
}
