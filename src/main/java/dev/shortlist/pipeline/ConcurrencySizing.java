package dev.shortlist.pipeline;

import dev.shortlist.platform.redis.RedisGuard;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One knob sizes the pipeline: from {@code shortlist.pipeline.concurrency} this derives the
 * model client's bulkhead, its waiting queue and connection pool, the pipeline's database
 * pool and the Redis pool, so that N jobs at once never wait inside a smaller client or
 * pool. The derived values are defaults, below every other source: a size set in
 * {@code application.properties}, a system property or the environment wins
 * ({@link SizingReport} warns when one contradicts the knob).
 */
public class ConcurrencySizing implements ConfigSourceFactory {

    static final String CONCURRENCY = "shortlist.pipeline.concurrency";
    static final int DEFAULT_CONCURRENCY = 16;
    static final String BULKHEAD = "quarkus.fault-tolerance.\"dev.shortlist.llm.OpenAiEndpoint/exchange\".bulkhead.value";
    static final String BULKHEAD_QUEUE =
            "quarkus.fault-tolerance.\"dev.shortlist.llm.OpenAiEndpoint/exchange\".bulkhead.waiting-task-queue";
    /** Below application.properties (250), system properties (400) and the environment (300). */
    private static final int ORDINAL = 90;

    static final String REDIS_POOL = "quarkus.redis." + RedisGuard.PIPELINE_CLIENT + ".max-pool-size";
    static final String REDIS_WAITING = "quarkus.redis." + RedisGuard.PIPELINE_CLIENT + ".max-pool-waiting";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(sizes(concurrency(context.getValue(CONCURRENCY))),
                "sizes derived from " + CONCURRENCY, ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The sizes N jobs at once need; each key is documented in application.properties.example. */
    static Map<String, String> sizes(int concurrency) {
        return Map.of(
                // Each running job makes at most one model call at a time; never below the defaults of old.
                BULKHEAD, String.valueOf(Math.max(64, concurrency)),
                BULKHEAD_QUEUE, String.valueOf(Math.max(1024, concurrency * 4)),
                "shortlist.llm.openai.max-connections", String.valueOf(Math.max(64, concurrency)),
                // Claims and outcomes are written many jobs per statement: a connection per 8 slots is plenty.
                "shortlist.database.pipeline-max-size", String.valueOf(Math.max(4, Math.min(32, concurrency / 8))),
                // A job touches Redis a few times (cache, in-flight mark, quota), each a short exchange,
                // over the pipeline's own connections (requests have theirs: quarkus.redis.max-pool-size).
                REDIS_POOL, String.valueOf(Math.max(64, concurrency / 2)),
                REDIS_WAITING, String.valueOf(Math.max(1024, concurrency * 4)));
    }

    private static int concurrency(ConfigValue value) {
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return DEFAULT_CONCURRENCY;
        }
        try {
            return Math.max(1, Integer.parseInt(value.getValue().trim()));
        } catch (NumberFormatException e) {
            // PipelineConfig refuses the value at start with a message naming the key.
            return DEFAULT_CONCURRENCY;
        }
    }
}
