package dev.shortlist.platform.cpu;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline's own event loops: threads that request handling never runs on. A claimed
 * job runs on a context bound to one of them, so its model call, its Redis and database
 * round trips and its notifications are read and answered here, and a draining backlog
 * never queues its callbacks in front of a request's on the HTTP server's loops (nor the
 * reverse). The contexts belong to the application's Vert.x, so every client the job uses
 * takes them as its own; only the threads are apart. {@code shortlist.cpu.pipeline-event-loops}
 * sets how many; one carries about a thousand jobs a second.
 */
@Singleton
public class PipelineLoops {

    private final io.vertx.core.Vertx loops;
    private final io.vertx.mutiny.core.Vertx mutinyLoops;
    private final List<ContextInternal> contexts = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    PipelineLoops(CpuConfig config, io.vertx.core.Vertx application) {
        int size = config.pipelineEventLoops();
        // A Vert.x of its own only for its threads; its worker pools are never used.
        this.loops = io.vertx.core.Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(size)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.mutinyLoops = io.vertx.mutiny.core.Vertx.newInstance(loops);
        VertxInternal owner = (VertxInternal) application;
        var group = ((VertxInternal) loops).getEventLoopGroup();
        for (int i = 0; i < size; i++) {
            contexts.add(owner.createEventLoopContext(group.next(), owner.getWorkerPool(),
                    Thread.currentThread().getContextClassLoader()));
        }
        Log.debugf("Pipeline event loops: %d", size);
    }

    /** A context of the application's Vert.x on one of the pipeline's loops, taken in turn. */
    public Context next() {
        return contexts.get(Math.floorMod(next.getAndIncrement(), contexts.size()));
    }

    /** The loops as a Vert.x of their own, for clients that are built on one (the pipeline's database pool). */
    public io.vertx.mutiny.core.Vertx vertx() {
        return mutinyLoops;
    }

    @PreDestroy
    void close() {
        loops.close().toCompletionStage().toCompletableFuture().join();
    }
}
