package dev.shortlist.cpu;

import io.quarkus.logging.Log;
import org.jboss.logging.MDC;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The service's CPU boundary: a fixed pool of {@code shortlist.cpu.threads} named daemon
 * threads ({@code shortlist-cpu-1, -2...}) where screening, masking, normalising and
 * hashing, the local engine, extraction and rendering run. The event loop only does I/O;
 * a burst of CPU work queues here instead of stalling every request on the loop.
 */
@Startup
@ApplicationScoped
public class CpuPool {

    private final ExecutorService threads;

    CpuPool(CpuConfig config) {
        int size = config.threads().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, "shortlist-cpu-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        OffEventLoop.failing(config.failOnEventLoop());
        Log.debugf("CPU pool: %d threads", size);
    }

    /**
     * Runs {@code work} on the pool; the item is emitted there, so what maps it runs there too.
     * The caller's log fields (a job's id, owner, attempt) go with it, so lines logged by the
     * work still say which job they are about.
     */
    public <T> Uni<T> run(Supplier<T> work) {
        Map<String, Object> fields = MDC.getMap();
        return Uni.createFrom().item(() -> withLogFields(fields, work)).runSubscriptionOn(threads);
    }

    /**
     * Like {@link #run}, but the item comes back on the caller's Vert.x context (when it has
     * one), for a chain whose next step is I/O: that context holds the job's log fields and
     * trace context, so the calls made next (Redis, the model's REST client) and their spans
     * stay with the job's trace.
     */
    public <T> Uni<T> runAndReturn(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> done = run(work);
        return caller == null ? done : done.emitOn(next -> caller.runOnContext(ignored -> next.run()));
    }

    private static <T> T withLogFields(Map<String, Object> fields, Supplier<T> work) {
        fields.forEach(MDC::put);
        try {
            return work.get();
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /** The pool, for {@code emitOn}/{@code runSubscriptionOn} where a step of a chain is CPU work. */
    public Executor executor() {
        return threads;
    }

    @PreDestroy
    void shutdown() {
        threads.shutdown();
    }
}
