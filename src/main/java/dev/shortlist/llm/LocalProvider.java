package dev.shortlist.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.llm.local.SkillVocabulary;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.math.BigDecimal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deterministic engine in plain Java: no key, no network, the same answer every time.
 * Its work is CPU-bound, so it runs on a small pool of its own rather than the event loop
 * or the shared worker pool.
 */
@ApplicationScoped
@Typed(LocalProvider.class)
public class LocalProvider implements LlmProvider {

    public static final String ENGINE = "local";
    public static final String MODEL = "shortlist-local-1";

    private final LocalScorer scorer = new LocalScorer(SkillVocabulary.load());
    private final ObjectMapper json;
    private final ExecutorService cpu;

    public LocalProvider(ObjectMapper json, LlmConfig config) {
        this.json = json;
        int threads = config.local().threads().orElse(Runtime.getRuntime().availableProcessors());
        this.cpu = Executors.newFixedThreadPool(threads, namedThreads("shortlist-local-engine"));
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Uni<Completion> complete(LlmRequest request) {
        return Uni.createFrom().item(() -> answer(request)).runSubscriptionOn(cpu);
    }

    private Completion answer(LlmRequest request) {
        if (!"score".equals(request.task())) {
            throw new LlmException("unsupported_task", "the local engine cannot do " + request.task(), false);
        }
        LocalScorer.Report report = scorer.score(request.document("resume"), request.document("jobDescription"));
        ObjectNode output = json.valueToTree(report);
        return new Completion(output, ENGINE, MODEL, 0, 0, BigDecimal.ZERO);
    }

    @PreDestroy
    void shutdown() {
        cpu.shutdown();
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
