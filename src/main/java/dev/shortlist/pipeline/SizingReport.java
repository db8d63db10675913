package dev.shortlist.pipeline;

import dev.shortlist.jobs.DatabasePoolConfig;
import dev.shortlist.llm.LlmConfig;
import dev.shortlist.platform.cpu.CpuConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Says at start how the pipeline is sized, and warns where an explicit setting contradicts
 * {@code shortlist.pipeline.concurrency} (see {@link ConcurrencySizing}): jobs that hold a
 * slot while they wait inside a smaller client or pool run slower, not faster.
 */
@ApplicationScoped
class SizingReport {

    private final PipelineConfig pipeline;
    private final LlmConfig llm;
    private final DatabasePoolConfig database;
    private final CpuConfig cpu;
    private final int redisPool;
    private final int bulkhead;
    private final int bulkheadQueue;

    SizingReport(PipelineConfig pipeline, LlmConfig llm, DatabasePoolConfig database, CpuConfig cpu,
            @ConfigProperty(name = ConcurrencySizing.REDIS_POOL, defaultValue = "6") int redisPool,
            @ConfigProperty(name = ConcurrencySizing.BULKHEAD, defaultValue = "64") int bulkhead,
            @ConfigProperty(name = ConcurrencySizing.BULKHEAD_QUEUE, defaultValue = "1024") int bulkheadQueue) {
        this.bulkhead = bulkhead;
        this.bulkheadQueue = bulkheadQueue;
        this.pipeline = pipeline;
        this.llm = llm;
        this.database = database;
        this.cpu = cpu;
        this.redisPool = redisPool;
    }

    void report(@Observes StartupEvent event) {
        Log.infof("Pipeline sized for concurrency %d: model calls %d at once (%d waiting) over %d connections, "
                        + "pipeline database pool %d, pipeline Redis pool %d, pipeline event loops %d",
                pipeline.concurrency(), bulkhead, bulkheadQueue, llm.openai().maxConnections(),
                database.pipelineMaxSize(), redisPool, cpu.pipelineEventLoops());
        contradictions().forEach(Log::warn);
    }

    /** Explicit settings that leave running jobs waiting inside the pipeline. */
    List<String> contradictions() {
        int concurrency = pipeline.concurrency();
        List<String> found = new ArrayList<>();
        if (bulkhead < concurrency) {
            found.add("the model client's bulkhead (%d) is below shortlist.pipeline.concurrency=%d: jobs will hold a slot "
                    .formatted(bulkhead, concurrency) + "while they wait for the model client");
        }
        if (llm.openai().maxConnections() < bulkhead) {
            found.add("shortlist.llm.openai.max-connections=%d is below the bulkhead (%d): model calls will queue for a connection"
                    .formatted(llm.openai().maxConnections(), bulkhead));
        }
        if (redisPool < Math.min(64, concurrency / 2)) {
            found.add("%s=%d is small for shortlist.pipeline.concurrency=%d: jobs will queue for Redis"
                    .formatted(ConcurrencySizing.REDIS_POOL, redisPool, concurrency));
        }
        return found;
    }
}
