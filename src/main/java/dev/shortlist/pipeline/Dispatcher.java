package dev.shortlist.pipeline;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import dev.shortlist.engine.JobHandlers;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobChange;
import dev.shortlist.jobs.JobEvents;
import dev.shortlist.jobs.JobProgress;
import dev.shortlist.jobs.JobStage;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobSubmitted;
import dev.shortlist.jobs.JobTracing;
import dev.shortlist.jobs.LeaseWrites;
import dev.shortlist.platform.cpu.PipelineLoops;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims queued jobs and runs them, never more than {@code shortlist.pipeline.concurrency}
 * at once on this instance. It wakes when a job is submitted (here or, through
 * PostgreSQL, on any replica), when a job finishes, and on a fallback poll (quarkus-scheduler,
 * every {@code shortlist.pipeline.poll-interval}); one claim
 * runs at a time and takes as many jobs as there are free slots. Nothing here blocks:
 * claims and completions are reactive SQL, and the handlers do their CPU work on the
 * CPU pool ({@code cpu.CpuPool}), so starting a job in the claim callback is I/O only.
 */
@ApplicationScoped
public class Dispatcher {

    private final PipelineConfig config;
    private final LeaseWrites writes;
    private final JobHandlers handlers;
    private final JobOutcomes outcomes;
    private final JobEvents events;
    private final JobTracing tracing;
    private final PipelineLoops loops;

    /** This instance's name in {@code jobs.lease_owner}: host plus a random suffix, unique per process. */
    private final String instanceId;
    private final AtomicInteger running = new AtomicInteger();
    /** The work under way here, by job, with the attempt it runs: a cancel abandons it, a heartbeat renews its lease. */
    private final Map<UUID, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean accepting;
    private Cancellable cancellations;

    Dispatcher(PipelineConfig config, LeaseWrites writes, JobHandlers handlers, JobOutcomes outcomes, JobEvents events,
            JobTracing tracing, PipelineLoops loops) {
        this.config = config;
        this.tracing = tracing;
        this.loops = loops;
        this.writes = writes;
        this.handlers = handlers;
        this.outcomes = outcomes;
        this.events = events;
        this.instanceId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Pipeline disabled on this instance (shortlist.pipeline.enabled=false)");
            return;
        }
        accepting = true;
        cancellations = events.changes()
                .select().where(change -> change.status() == JobStatus.CANCELLED)
                .subscribe().with(this::abandon);
        Log.infof("Pipeline %s started: concurrency %d", instanceId, config.concurrency());
        wake();
    }

    void onSubmitted(@Observes JobSubmitted event) {
        wake();
    }

    /** Jobs this instance is working right now. */
    public int running() {
        return running.get();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Claims as many jobs as there are free slots, unless a claim is already under way (it will look again). */
    void wake() {
        if (!accepting) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            wakeAgain.set(true);
            return;
        }
        wakeAgain.set(false);
        int free = config.concurrency() - running.get();
        // Read after taking the claim flag: either the drain sees the flag or this sees it began.
        if (free <= 0 || !accepting) {
            claiming.set(false);
            return;
        }
        writes.claim(free, instanceId, config.leaseDuration(), config.ownerRunningCap(), config.agingInterval()).subscribe().with(
                jobs -> {
                    running.addAndGet(jobs.size());
                    claiming.set(false);
                    jobs.forEach(this::run);
                    // A full claim suggests more is waiting; so does a wake that arrived meanwhile.
                    if (jobs.size() == free || wakeAgain.get()) {
                        wake();
                    }
                },
                failure -> {
                    claiming.set(false);
                    Log.warnf("Claim failed, will retry on the next poll: %s", failure.getMessage());
                });
    }

    /**
     * Each job runs on a Vert.x context of its own, which carries its log fields (MDC) and its
     * trace context to every line logged and every call made for it, on one of the pipeline's
     * event loops: the calls it makes are answered there, never on the loops serving requests.
     */
    private void run(Job job) {
        Context context = VertxContext.createNewDuplicatedContext(loops.next());
        context.runOnContext(ignored -> {
            JobLogContext.enter(job);
            start(job);
        });
    }

    private void start(Job job) {
        long startNanos = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        // Stages are announced, not stored: the row changes when the job ends (jobs.JobStages).
        JobProgress progress = stage -> events.announceStage(job, stage);
        Cancellable work = tracing.jobRun(job, () -> tracing.handler(job, () -> handlers.handle(job, progress))
                        .invoke(() -> progress.reached(JobStage.WRITING))
                        .chain(result -> outcomes.succeeded(job, instanceId, result, since(startNanos)))
                        .onFailure().recoverWithUni(failure -> outcomes.failed(job, instanceId, failure, since(startNanos))))
                .onTermination().invoke(() -> {
                    done.set(true);
                    finished(job);
                })
                .subscribe().with(
                        ignored -> { },
                        // Storing the outcome failed (database down): the lease expires and the rescuer re-queues the job.
                        failure -> Log.errorf(failure, "Could not store the outcome of job %s", job.id()));
        inFlight.put(job.id(), new InFlight(new LeaseWrites.Held(job.id(), job.attempts()), work));
        if (done.get()) {
            inFlight.remove(job.id());
        }
    }

    /**
     * Cooperative cancel: when a job this instance runs is cancelled (by its owner, on any
     * replica), its work is abandoned, which also aborts an LLM call under way. Its result
     * could not be stored anyway: completion is guarded by status and lease.
     */
    private void abandon(JobChange change) {
        InFlight underWay = inFlight.get(change.id());
        if (underWay != null) {
            Log.debugf("Job %s was cancelled while running here; abandoning its work", change.id());
            underWay.work().cancel();
        }
    }

    /**
     * Runs exactly once per job run, whether it completed, failed or was abandoned. Jobs whose
     * results were stored together finish together: one wake-up, queued behind their
     * finishing, claims for all the slots they freed instead of a claim each.
     */
    private void finished(Job job) {
        inFlight.remove(job.id());
        running.decrementAndGet();
        if (wakeQueued.compareAndSet(false, true)) {
            loops.next().runOnContext(ignored -> {
                wakeQueued.set(false);
                wake();
            });
        }
    }

    /** The fallback poll: retries and quota waits coming due, and any wake-up that was missed. */
    @Scheduled(identity = "pipeline-poll", every = "${shortlist.pipeline.poll-interval}", concurrentExecution = SKIP)
    void poll() {
        wake();
    }

    /**
     * Renews the leases of the attempts this instance is working, named by job and attempt,
     * in one statement, so the rescuer leaves them alone; a lease this instance holds for
     * work it no longer does is left to expire.
     */
    @Scheduled(identity = "pipeline-heartbeat", every = "${shortlist.pipeline.heartbeat-interval}", concurrentExecution = SKIP)
    void renewLeases() {
        List<LeaseWrites.Held> held = inFlight.values().stream().map(InFlight::held).toList();
        if (held.isEmpty()) {
            return;
        }
        writes.heartbeat(instanceId, held, config.leaseDuration()).subscribe().with(
                renewed -> Log.tracef("Renewed %d leases", renewed),
                failure -> Log.warnf("Lease renewal failed: %s", failure.getMessage()));
    }

    /**
     * Graceful drain: stop claiming, give in-flight jobs the drain timeout to finish, then
     * hand what is left back to the queue so another instance picks it up at once.
     */
    void stop(@Observes ShutdownEvent event) {
        if (!accepting) {
            return;
        }
        accepting = false;
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        // A claim under way may still hand this instance jobs: wait for its answer too, or
        // they would stay leased to a process that is gone until the rescuer finds them.
        while ((running.get() > 0 || claiming.get()) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
        int left = running.get();
        if (left > 0) {
            Integer released = writes.releaseAll(instanceId).await().atMost(Duration.ofSeconds(5));
            Log.infof("Drain timeout: released %d unfinished jobs to the queue", released);
        } else {
            Log.info("Pipeline drained: no job in flight");
        }
        if (cancellations != null) {
            cancellations.cancel();
        }
    }

    /** One job's work under way here and the attempt it is. */
    private record InFlight(LeaseWrites.Held held, Cancellable work) {
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "shortlist";
        }
    }
}
