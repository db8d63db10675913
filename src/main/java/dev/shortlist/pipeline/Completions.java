package dev.shortlist.pipeline;

import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.JobWrites.Success;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores successes together: those that arrive within one {@code shortlist.pipeline.completion-tick}
 * go in one UPDATE and one commit, so under load a commit carries many jobs instead of one
 * each. Each job is answered only after the statement holding it committed, so a job is
 * never reported done before it is. A statement that fails (a deadlock with a batch cancel,
 * say) is retried row by row, so one bad row fails only its own job.
 */
@ApplicationScoped
class Completions {

    private record Pending(Success success, String leaseOwner, UniEmitter<? super Boolean> answer, Context context) {

        /** Answers on the job's own Vert.x context, where its run continues. */
        void answer(boolean won) {
            if (context == null) {
                answer.complete(won);
            } else {
                context.runOnContext(ignored -> answer.complete(won));
            }
        }

        void fail(Throwable failure) {
            if (context == null) {
                answer.fail(failure);
            } else {
                context.runOnContext(ignored -> answer.fail(failure));
            }
        }
    }

    private final JobWrites writes;
    private final PipelineConfig config;
    private final Vertx vertx;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean armed = new AtomicBoolean();

    Completions(JobWrites writes, PipelineConfig config, Vertx vertx) {
        this.writes = writes;
        this.config = config;
        this.vertx = vertx;
    }

    /** True when the job was completed; false when it was cancelled or rescued meanwhile (its result is dropped). */
    Uni<Boolean> succeed(String leaseOwner, Success success) {
        return Uni.createFrom().emitter(answer -> {
            waiting.add(new Pending(success, leaseOwner, answer, Vertx.currentContext()));
            if (size.incrementAndGet() >= config.completionMaxRows() || config.completionTick().isZero()) {
                write();
            } else if (armed.compareAndSet(false, true)) {
                vertx.setTimer(Math.max(1, config.completionTick().toMillis()), ignored -> {
                    armed.set(false);
                    write();
                });
            }
        });
    }

    /** Writes everything that waits, a statement per lease holder and per {@code completion-max-rows}. */
    private void write() {
        while (true) {
            Map<String, List<Pending>> byHolder = new HashMap<>();
            int taken = 0;
            for (Pending next; taken < config.completionMaxRows() && (next = waiting.poll()) != null; taken++) {
                byHolder.computeIfAbsent(next.leaseOwner(), holder -> new ArrayList<>()).add(next);
            }
            if (taken == 0) {
                return;
            }
            size.addAndGet(-taken);
            byHolder.forEach(this::store);
        }
    }

    private void store(String leaseOwner, List<Pending> batch) {
        writes.succeedMany(batch.stream().map(Pending::success).toList(), leaseOwner).subscribe().with(
                won -> answer(batch, won),
                failure -> {
                    if (batch.size() == 1) {
                        batch.get(0).fail(failure);
                    } else {
                        batch.forEach(alone -> writes.succeedMany(List.of(alone.success()), leaseOwner).subscribe().with(
                                won -> answer(List.of(alone), won), alone::fail));
                    }
                });
    }

    private static void answer(List<Pending> batch, Set<?> won) {
        batch.forEach(pending -> pending.answer(won.contains(pending.success().id())));
    }
}
