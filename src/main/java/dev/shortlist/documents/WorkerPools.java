package dev.shortlist.documents;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed pools of named daemon threads for CPU-heavy document work, kept off the event loop. */
public final class WorkerPools {

    private WorkerPools() {
    }

    /** {@code threads} workers named {@code <name>-1, <name>-2...}; the size defaults to the number of cores. */
    public static ExecutorService fixed(String name, Optional<Integer> threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads.orElse(Runtime.getRuntime().availableProcessors()), runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
