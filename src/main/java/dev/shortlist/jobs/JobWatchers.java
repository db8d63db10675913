package dev.shortlist.jobs;

import dev.shortlist.jobs.GroupedWrites.Waiter;
import dev.shortlist.platform.problem.NotFoundException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Everyone on this replica who waits for a job to change: event streams and long polls.
 * They share one listener ({@link JobEvents}) and one safety re-read per replica, and make no
 * database read of their own while they wait. What they do read — a job as a watch opens,
 * a job that was announced changed, every watched job on the safety re-read — goes through
 * one batched reader: at most {@link #READS_IN_FLIGHT} statements at a time, each for up to
 * {@link #READ_BATCH} jobs, so ten thousand watchers opening at once cost tens of statements
 * and never more than two of the requests' connections.
 */
@ApplicationScoped
public class JobWatchers {

    static final int READ_BATCH = 1000;
    static final int READS_IN_FLIGHT = 2;

    private final JobRepository jobs;
    private final JobEvents events;
    private final JobsConfig config;
    private final Scheduler scheduler;
    private final JobStages stages;

    private final Map<UUID, Set<Watch>> watches = new ConcurrentHashMap<>();
    private final Queue<Waiter<UUID, Optional<Job>>> reads = new ConcurrentLinkedQueue<>();
    private final AtomicInteger readsInFlight = new AtomicInteger();
    private Cancellable listening;
    private Cancellable staging;
    private volatile boolean open = true;

    JobWatchers(JobRepository jobs, JobEvents events, JobsConfig config, Scheduler scheduler, JobStages stages,
            MeterRegistry registry) {
        this.jobs = jobs;
        this.stages = stages;
        this.events = events;
        this.config = config;
        this.scheduler = scheduler;
        Gauge.builder("shortlist.watchers", this, JobWatchers::count)
                .description("Event streams and long polls waiting for a job on this replica")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        listening = events.changes()
                .select().where(change -> watches.containsKey(change.id()))
                .subscribe().with(change -> reread(change.id()), failure -> Log.warnf("Job changes ended: %s", failure));
        // A stage is not in the row: each watch passes on the job it last read with its new stage, without a read.
        staging = stages.changes()
                .select().where(watches::containsKey)
                .subscribe().with(this::restage, failure -> Log.warnf("Job stages ended: %s", failure));
        scheduler.newJob("job-watchers-safety-reread")
                .setInterval(config.eventsSafetyPoll().toSeconds() + "s")
                .setConcurrentExecution(io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> rereadAll())
                .schedule();
    }

    /**
     * Every watch ends now with what it last saw: a stream sends it as its last event, a long
     * poll answers it, so clients reconnect to another replica at once instead of timing out.
     * This runs as shutdown begins, while readiness already says no and the HTTP server still
     * serves ({@code quarkus.shutdown.delay}): by the time the server closes, the answers are out.
     */
    void shuttingDown(@Observes ShutdownDelayInitiatedEvent event) {
        endAll();
    }

    /** Without a shutdown delay configured, as late as the server allows; the delay is the reliable way. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        endAll();
    }

    private void endAll() {
        open = false;
        if (listening != null) {
            listening.cancel();
        }
        if (staging != null) {
            staging.cancel();
        }
        int ending = count();
        watches.values().forEach(set -> set.forEach(Watch::end));
        watches.clear();
        if (ending > 0) {
            Log.infof("Shutting down: ended %d event streams and long polls with the latest state of their jobs", ending);
        }
    }

    /** The job as stored, read together with other reads under way (see the class comment). */
    public Uni<Optional<Job>> read(UUID id) {
        return Uni.createFrom().emitter(answer -> {
            reads.add(Waiter.of(id, answer));
            drainReads();
        });
    }

    /** The caller's job, or a {@link NotFoundException} for an unknown id or another owner's job. */
    public Uni<Job> readOwned(UUID id, String owner) {
        return read(id).map(found -> found.filter(job -> job.owner().equals(owner))
                .orElseThrow(() -> new NotFoundException("job", id)));
    }

    /**
     * The job now and at each change of its status, progress or stage ({@link #stageOf}), on whichever replica it runs,
     * completing once it has ended (or this replica shuts down, after the latest it saw).
     *
     * @param current the job as just read for its owner
     */
    public Multi<Job> follow(Job current) {
        return Multi.createFrom().emitter(emitter -> {
            Watch watch = watch(current, job -> {
                emitter.emit(job);
                if (job.status().isTerminal()) {
                    emitter.complete();
                }
            }, latest -> emitter.complete());
            emitter.onTermination(() -> unwatch(watch));
        });
    }

    /**
     * The job once it has ended, or as it stands when {@code wait} runs out or this replica
     * shuts down. Holds no thread while it waits.
     */
    public Uni<Job> awaitEnd(Job current, Duration wait) {
        if (current.status().isTerminal() || wait.isZero() || !open) {
            return Uni.createFrom().item(current);
        }
        Watch[] held = new Watch[1];
        return Uni.createFrom().<Job>emitter(answer -> {
                    held[0] = watch(current, job -> {
                        if (job.status().isTerminal()) {
                            answer.complete(job);
                        }
                    }, answer::complete);
                    answer.onTermination(() -> unwatch(held[0]));
                })
                .ifNoItem().after(wait).recoverWithItem(() -> held[0] == null || held[0].latest() == null ? current : held[0].latest());
    }

    /** The stage a running job is in, on whichever replica it runs; empty when it is not running. */
    public Optional<JobStage> stageOf(Job job) {
        return stages.of(job);
    }

    /** Watchers on this replica right now. */
    int count() {
        return watches.values().stream().mapToInt(Set::size).sum();
    }

    private Watch watch(Job current, Consumer<Job> onJob, Consumer<Job> onEnd) {
        Watch watch = new Watch(current, onJob, onEnd, Vertx.currentContext(), stages);
        watch.offer(current);
        if (!open) {
            // Shutting down: what the caller just read is all this replica will say.
            watch.end();
        } else if (!current.status().isTerminal()) {
            watches.computeIfAbsent(current.id(), id -> ConcurrentHashMap.newKeySet()).add(watch);
            // A change announced between the caller's read and now would otherwise wait for the safety re-read.
            reread(current.id());
        }
        return watch;
    }

    private void unwatch(Watch watch) {
        watches.computeIfPresent(watch.id, (id, set) -> {
            set.remove(watch);
            return set.isEmpty() ? null : set;
        });
    }

    private void reread(UUID id) {
        read(id).subscribe().with(found -> found.ifPresent(this::deliver),
                failure -> Log.debugf("Re-reading job %s failed; the safety re-read will try again: %s", id, failure.getMessage()));
    }

    /**
     * The one safety re-read of this replica: where every watched job stands, a statement per
     * {@link #READ_BATCH} one after the other, and a full read only of the jobs that moved
     * without their watchers hearing of it (normally none). Reading whole rows of ten
     * thousand jobs every few seconds would put their decoding on the event loops that serve requests.
     */
    Uni<Void> rereadAll() {
        List<UUID> watched = List.copyOf(watches.keySet());
        return Multi.createFrom().range(0, (watched.size() + READ_BATCH - 1) / READ_BATCH)
                .map(i -> watched.subList(i * READ_BATCH, Math.min(watched.size(), (i + 1) * READ_BATCH)))
                .onItem().transformToUniAndConcatenate(ids -> jobs.states(ids).invoke(states -> states.forEach((id, state) -> {
                    if (missed(id, state)) {
                        reread(id);
                    }
                })))
                .onItem().ignoreAsUni()
                .onFailure().invoke(failure -> Log.debugf("The safety re-read failed; it runs again soon: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Whether a watcher of the job saw it other than it now stands. */
    private boolean missed(UUID id, JobRepository.State state) {
        Set<Watch> set = watches.get(id);
        return set != null && set.stream().anyMatch(watch -> watch.latest() == null || !JobRepository.State.of(watch.latest()).equals(state));
    }

    private void restage(UUID id) {
        Set<Watch> set = watches.get(id);
        if (set != null) {
            set.forEach(Watch::restage);
        }
    }

    private void deliver(Job job) {
        Set<Watch> set = watches.get(job.id());
        if (set != null) {
            set.forEach(watch -> watch.offer(job));
        }
    }

    /** Starts statements for waiting reads while fewer than {@link #READS_IN_FLIGHT} are under way. */
    private void drainReads() {
        while (!reads.isEmpty()) {
            int now = readsInFlight.get();
            if (now >= READS_IN_FLIGHT) {
                return;
            }
            if (!readsInFlight.compareAndSet(now, now + 1)) {
                continue;
            }
            List<Waiter<UUID, Optional<Job>>> batch = new ArrayList<>();
            for (Waiter<UUID, Optional<Job>> next; batch.size() < READ_BATCH && (next = reads.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                readsInFlight.decrementAndGet();
                continue;
            }
            jobs.findMany(batch.stream().map(Waiter::row).distinct().toList()).subscribe().with(found -> {
                readsInFlight.decrementAndGet();
                batch.forEach(waiter -> waiter.answer(Optional.ofNullable(found.get(waiter.row()))));
                drainReads();
            }, failure -> {
                readsInFlight.decrementAndGet();
                batch.forEach(waiter -> waiter.fail(failure));
                drainReads();
            });
        }
    }

    /** One watcher of one job: passes on each new state (status, progress, attempt or stage) once, on the watcher's own context. */
    private static final class Watch {

        private final UUID id;
        private final String owner;
        private final Consumer<Job> onJob;
        private final Consumer<Job> onEnd;
        private final Context context;
        private final JobStages stages;
        private volatile Job latest;
        private JobStage stage;
        private boolean ended;

        Watch(Job current, Consumer<Job> onJob, Consumer<Job> onEnd, Context context, JobStages stages) {
            this.stages = stages;
            this.id = current.id();
            this.owner = current.owner();
            this.onJob = onJob;
            this.onEnd = onEnd;
            this.context = context;
        }

        Job latest() {
            return latest;
        }

        void offer(Job job) {
            // Another owner's job of the same id cannot exist; the check keeps that true if ids were ever reused.
            if (!job.owner().equals(owner)) {
                return;
            }
            run(() -> {
                Job seen = latest;
                JobStage now = stages.of(job).orElse(null);
                if (ended || (seen != null && seen.status() == job.status() && seen.progress() == job.progress()
                        && seen.attempts() == job.attempts() && stage == now)) {
                    return;
                }
                latest = job;
                stage = now;
                ended = job.status().isTerminal();
                onJob.accept(job);
            });
        }

        /** The job's stage changed: the job as last seen, offered again. */
        void restage() {
            Job seen = latest;
            if (seen != null) {
                offer(seen);
            }
        }

        void end() {
            run(() -> {
                if (!ended) {
                    ended = true;
                    onEnd.accept(latest);
                }
            });
        }

        private void run(Runnable action) {
            if (context == null || Vertx.currentContext() == context) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }
}
