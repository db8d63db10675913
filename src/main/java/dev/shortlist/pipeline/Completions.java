package dev.shortlist.pipeline;

import dev.shortlist.jobs.GroupedWrites;
import dev.shortlist.jobs.GroupedWrites.Waiter;
import dev.shortlist.jobs.LeaseWrites;
import dev.shortlist.jobs.LeaseWrites.Success;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores successes together: those that arrive within one {@code shortlist.pipeline.completion-tick}
 * go in one UPDATE and one commit, so under load a commit carries many jobs instead of one
 * each. {@link GroupedWrites} answers each job only once its statement committed, so no job
 * is reported done before it is, and retries a failed statement (a deadlock with a batch
 * cancel, say) row by row; this class decides when to write, a statement per lease holder.
 */
@ApplicationScoped
class Completions {

    /** A success and the lease holder it is stored under: a statement serves one holder. */
    private record Completion(String leaseOwner, Success success) {
    }

    private final LeaseWrites writes;
    private final PipelineConfig config;
    private final Vertx vertx;
    private final Queue<Waiter<Completion, Boolean>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean armed = new AtomicBoolean();

    Completions(LeaseWrites writes, PipelineConfig config, Vertx vertx) {
        this.writes = writes;
        this.config = config;
        this.vertx = vertx;
    }

    /** True when the job was completed; false when it was cancelled or rescued meanwhile (its result is dropped). */
    Uni<Boolean> succeed(String leaseOwner, Success success) {
        return Uni.createFrom().emitter(answer -> {
            waiting.add(Waiter.of(new Completion(leaseOwner, success), answer));
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
            Map<String, List<Waiter<Completion, Boolean>>> byHolder = new HashMap<>();
            int taken = 0;
            for (Waiter<Completion, Boolean> next;
                    taken < config.completionMaxRows() && (next = waiting.poll()) != null; taken++) {
                byHolder.computeIfAbsent(next.row().leaseOwner(), holder -> new ArrayList<>()).add(next);
            }
            if (taken == 0) {
                return;
            }
            size.addAndGet(-taken);
            byHolder.forEach(this::store);
        }
    }

    private void store(String leaseOwner, List<Waiter<Completion, Boolean>> group) {
        GroupedWrites.write(group,
                rows -> writes.succeedMany(rows.stream().map(Completion::success).toList(), leaseOwner),
                (Set<UUID> won) -> completion -> won.contains(completion.success().id()));
    }
}
