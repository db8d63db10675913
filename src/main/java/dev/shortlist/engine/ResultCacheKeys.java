package dev.shortlist.engine;

import dev.shortlist.cache.CacheKey;
import dev.shortlist.cache.CacheKeys;
import dev.shortlist.llm.LlmProvider;
import dev.shortlist.llm.LocalProvider;
import dev.shortlist.llm.SelectedProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cache keys from what would answer a job now: the configured engine and model, and the
 * handler's prompt version. Results of the local engine are not cached: it is deterministic,
 * free and fast, and the cache exists to spare slow, costly, rate-limited model calls.
 */
@ApplicationScoped
class ResultCacheKeys implements CacheKeys {

    private final Map<String, String> promptVersions = new HashMap<>();
    private final SelectedProvider provider;

    ResultCacheKeys(Instance<JobHandler> handlers, SelectedProvider provider) {
        handlers.forEach(handler -> handler.promptVersion()
                .ifPresent(version -> promptVersions.put(handler.type().wireName(), version)));
        this.provider = provider;
    }

    static boolean cacheable(String engine) {
        return !LocalProvider.ENGINE.equals(engine);
    }

    @Override
    public Optional<CacheKey> forNewJob(String jobType, String inputHash, String engine) {
        LlmProvider answering = provider.answering(engine);
        if (!cacheable(answering.engine())) {
            return Optional.empty();
        }
        return Optional.ofNullable(promptVersions.get(jobType))
                .map(version -> new CacheKey(jobType, answering.engine(), answering.model(), version, inputHash));
    }
}
