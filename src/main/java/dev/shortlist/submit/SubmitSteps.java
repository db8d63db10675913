package dev.shortlist.submit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a submit's time goes, step by step ({@code shortlist_submit_step_seconds{step}},
 * with its p50, p99 and p99.9): resolving the texts, checking and hashing them (the CPU
 * pool, its queue included), taking the quota and looking up the cache (Redis), the
 * queue's room, and the insert (the grouped write). When a submit is slow, the step whose
 * tail grew says what it waited for.
 */
@ApplicationScoped
class SubmitSteps {

    static final String RESOLVE = "resolve";
    static final String CHECK = "check";
    static final String QUOTA = "quota";
    static final String ROOM = "room";
    static final String INSERT = "insert";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    SubmitSteps(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code work}, timed from its subscription to its item or failure as the step {@code step}. */
    <T> Uni<T> timed(String step, Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return work.onTermination().invoke(() -> timer(step).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    private Timer timer(String step) {
        return timers.computeIfAbsent(step, name -> Timer.builder("shortlist.submit.step")
                .description("Time a submit spends in each of its steps")
                .tag("step", name)
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(registry));
    }
}
