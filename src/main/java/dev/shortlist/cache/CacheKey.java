package dev.shortlist.cache;

/**
 * What a result depends on: the job type, which engine and model produced it, the prompt
 * version, and the SHA-256 of the normalised input. Change any of them and it is another result.
 */
public record CacheKey(String jobType, String engine, String model, String promptVersion, String inputHash) {

    String redisKey() {
        return "shortlist:result:" + jobType + ":" + engine + ":" + model + ":" + promptVersion + ":" + inputHash;
    }

    String inFlightKey() {
        return "shortlist:in-flight:" + jobType + ":" + engine + ":" + model + ":" + promptVersion + ":" + inputHash;
    }
}
