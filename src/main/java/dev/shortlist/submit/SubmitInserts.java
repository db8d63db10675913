package dev.shortlist.submit;

import dev.shortlist.jobs.DatabasePoolConfig;
import dev.shortlist.jobs.GroupedWrites;
import dev.shortlist.jobs.GroupedWrites.Waiter;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.jobs.SubmitBacklog;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Writes concurrent submits together. While the allowed number of inserts are on their
 * way, submits that arrive wait and go in the next one, as one multi-row INSERT and one
 * commit: under load a few statements carry hundreds of submits, and an idle service
 * still inserts each submit at once, without waiting for a timer. Each submit is answered
 * only after the statement holding its row committed; a statement that fails is retried
 * row by row, so one bad row fails only its own submit (that part is {@link GroupedWrites}).
 *
 * <p>A submit waits for a statement no longer than a statement waits for a pool
 * connection ({@code shortlist.database.acquire-timeout}): when the inserts on their way
 * are stuck (a saturated or stalled database), later submits are refused as busy, with
 * nothing written, instead of queueing until their clients give up.
 */
@ApplicationScoped
public class SubmitInserts implements SubmitBacklog {

    private final JobWrites jobs;
    private final JobsConfig config;
    private final Vertx vertx;
    private final long longestWaitNanos;
    private final Queue<Waiter<NewJob, Optional<Job>>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean expiryArmed = new AtomicBoolean();

    SubmitInserts(JobWrites jobs, JobsConfig config, DatabasePoolConfig database, Vertx vertx) {
        this.jobs = jobs;
        this.config = config;
        this.vertx = vertx;
        this.longestWaitNanos = database.acquireTimeout().toNanos();
    }

    /** The stored job, or empty when the owner already has a job under this idempotency key. */
    Uni<Optional<Job>> insert(NewJob job) {
        return Uni.createFrom().emitter(answer -> {
            waiting.add(Waiter.of(job, answer));
            write();
        });
    }

    @Override
    public Duration oldestWait() {
        Waiter<NewJob, Optional<Job>> oldest = waiting.peek();
        return oldest == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - oldest.since());
    }

    /** Starts an insert of what is waiting, unless the allowed number are already on their way. */
    private void write() {
        while (!waiting.isEmpty()) {
            int current = inFlight.get();
            if (current >= config.submitInsertsInFlight()) {
                armExpiry();
                return; // the insert that finishes next takes what waits
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            List<Waiter<NewJob, Optional<Job>>> group = new ArrayList<>();
            for (Waiter<NewJob, Optional<Job>> next;
                    group.size() < config.submitInsertMaxRows() && (next = waiting.poll()) != null; ) {
                group.add(next);
            }
            if (group.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            GroupedWrites.write(group, jobs::insertMany, SubmitInserts::storedJob, this::finished);
        }
    }

    private void finished() {
        inFlight.decrementAndGet();
        write();
    }

    /** While inserts are on their way and submits wait, one timer refuses those that waited too long. */
    private void armExpiry() {
        Waiter<NewJob, Optional<Job>> oldest = waiting.peek();
        if (oldest == null || !expiryArmed.compareAndSet(false, true)) {
            return;
        }
        long dueInNanos = Math.max(0, oldest.since() + longestWaitNanos - System.nanoTime());
        vertx.setTimer(Math.max(1, Duration.ofNanos(dueInNanos).toMillis() + 1), ignored -> {
            expiryArmed.set(false);
            refuseExpired();
            if (inFlight.get() >= config.submitInsertsInFlight()) {
                armExpiry();
            } else {
                write();
            }
        });
    }

    /** Refuses, oldest first, the submits that waited longer than a statement may wait for a connection. */
    private void refuseExpired() {
        long now = System.nanoTime();
        for (Waiter<NewJob, Optional<Job>> oldest;
                (oldest = waiting.peek()) != null && now - oldest.since() >= longestWaitNanos; ) {
            if (waiting.remove(oldest)) {
                oldest.fail(new SubmitWritesStalledException(Duration.ofNanos(longestWaitNanos)));
            }
        }
    }

    /** Each submit's answer: its stored job, or empty when the insert skipped it as a repeat. */
    private static Function<NewJob, Optional<Job>> storedJob(List<Job> stored) {
        Map<UUID, Job> byId = new HashMap<>();
        stored.forEach(job -> byId.put(job.id(), job));
        return job -> Optional.ofNullable(byId.get(job.id()));
    }
}
