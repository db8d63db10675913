package dev.shortlist.platform.cpu;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * The service's CPU boundary: a fixed pool of {@code shortlist.cpu.threads} named daemon
 * threads ({@code shortlist-cpu-1, -2...}) where screening, masking, normalising and
 * hashing, the local engine, extraction and rendering run. The event loop only does I/O;
 * a burst of CPU work queues here instead of stalling every request on the loop.
 *
 * <p>Work waits in two {@link WorkLane lanes}. A request's work (checking a submit, reading
 * an upload, rendering a result) goes ahead of the pipeline's (a job's steps), so a backlog
 * being worked cannot put thousands of job steps in front of a caller who waits for an
 * answer; the pipeline gets what requests leave. {@code shortlist_cpu_queued{lane}} counts
 * what waits.
 */
@Startup
@ApplicationScoped
public class CpuPool {

    private final ThreadPoolExecutor pool;
    private final Executor threads;
    private final AtomicLong order = new AtomicLong();
    private final Map<WorkLane, AtomicInteger> queued = new EnumMap<>(WorkLane.class);

    CpuPool(CpuConfig config, MeterRegistry registry) {
        int size = config.threads().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "shortlist-cpu-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.threads = this::enqueue;
        for (WorkLane lane : WorkLane.values()) {
            AtomicInteger waiting = new AtomicInteger();
            queued.put(lane, waiting);
            Gauge.builder("shortlist.cpu.queued", waiting, AtomicInteger::get)
                    .description("CPU work waiting for a thread of the CPU pool, by lane")
                    .tag("lane", lane.tag())
                    .register(registry);
        }
        OffEventLoop.failing(config.failOnEventLoop());
        Log.debugf("CPU pool: %d threads", size);
    }

    /** Queues {@code work} in the caller's lane; it runs with the caller's log fields, so lines it logs say which job they are about. */
    private void enqueue(Runnable work) {
        WorkLane lane = WorkLane.current();
        Map<String, Object> fields = MDC.getMap();
        AtomicInteger waiting = queued.get(lane);
        waiting.incrementAndGet();
        pool.execute(new Queued(lane, order.getAndIncrement(), () -> {
            waiting.decrementAndGet();
            withLogFields(fields, work);
        }));
    }

    /** A piece of work in its lane: the request lane first, then first come, first served. */
    private record Queued(WorkLane lane, long order, Runnable work) implements Runnable, Comparable<Queued> {

        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Queued other) {
            int byLane = lane.compareTo(other.lane);
            return byLane != 0 ? byLane : Long.compare(order, other.order);
        }
    }

    /**
     * Runs {@code work} on the pool; the item is emitted there, so what maps it runs there too.
     * The caller's log fields (a job's id, owner, attempt) go with it, as with everything the
     * pool runs.
     */
    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(threads);
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
        return OnCaller.backOn(caller, done);
    }

    private static void withLogFields(Map<String, Object> fields, Runnable work) {
        fields.forEach(MDC::put);
        try {
            work.run();
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /**
     * The pool, for {@code emitOn}/{@code runSubscriptionOn} where a step of a chain is CPU
     * work; what it runs keeps the log fields (and so the lane) of where it was handed over.
     */
    public Executor executor() {
        return threads;
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
    }
}
