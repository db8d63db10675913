package dev.shortlist.jobs;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes concurrent submits together. While the allowed number of inserts are on their
 * way, submits that arrive wait and go in the next one, as one multi-row INSERT and one
 * commit: under load a few statements carry hundreds of submits, and an idle service
 * still inserts each submit at once, without waiting for a timer. Each submit is answered
 * only after the statement holding its row committed; a statement that fails is retried
 * row by row, so one bad row fails only its own submit.
 */
@ApplicationScoped
class SubmitInserts {

    private record Pending(NewJob job, UniEmitter<? super Optional<Job>> answer, Context context) {

        /** Answers on the submit's own Vert.x context, where its request continues. */
        void answer(Optional<Job> stored) {
            if (context == null) {
                answer.complete(stored);
            } else {
                context.runOnContext(ignored -> answer.complete(stored));
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

    private final JobWrites jobs;
    private final JobsConfig config;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    SubmitInserts(JobWrites jobs, JobsConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    /** The stored job, or empty when the owner already has a job under this idempotency key. */
    Uni<Optional<Job>> insert(NewJob job) {
        return Uni.createFrom().emitter(answer -> {
            waiting.add(new Pending(job, answer, Vertx.currentContext()));
            write();
        });
    }

    /** Starts an insert of what is waiting, unless the allowed number are already on their way. */
    private void write() {
        while (!waiting.isEmpty()) {
            int current = inFlight.get();
            if (current >= config.submitInsertsInFlight()) {
                return; // the insert that finishes next takes what waits
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            for (Pending next; batch.size() < config.submitInsertMaxRows() && (next = waiting.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            jobs.insertMany(batch.stream().map(Pending::job).toList()).subscribe().with(
                    stored -> {
                        answer(batch, stored);
                        finished();
                    },
                    failure -> {
                        finished();
                        if (batch.size() == 1) {
                            batch.get(0).fail(failure);
                        } else {
                            batch.forEach(alone -> jobs.insertMany(List.of(alone.job())).subscribe().with(
                                    stored -> answer(List.of(alone), stored), alone::fail));
                        }
                    });
        }
    }

    private void finished() {
        inFlight.decrementAndGet();
        write();
    }

    private static void answer(List<Pending> batch, List<Job> stored) {
        Map<UUID, Job> byId = new HashMap<>();
        stored.forEach(job -> byId.put(job.id(), job));
        batch.forEach(pending -> pending.answer(Optional.ofNullable(byId.get(pending.job().id()))));
    }
}
