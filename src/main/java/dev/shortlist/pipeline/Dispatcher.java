package dev.shortlist.pipeline;

import dev.shortlist.engine.HandlerResult;
import dev.shortlist.engine.JobDeferred;
import dev.shortlist.engine.JobFailure;
import dev.shortlist.engine.JobHandlers;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobSubmitted;
import dev.shortlist.observability.JobMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims queued jobs and runs them, never more than {@code shortlist.pipeline.concurrency}
 * at once on this instance. It wakes when a job is submitted here, when a job finishes,
 * and on a fallback poll; one claim runs at a time and takes as many jobs as there are
 * free slots. Nothing here blocks: claims and completions are reactive SQL, and the
 * engines do their CPU work on their own threads.
 */
@ApplicationScoped
public class Dispatcher {

    private final PipelineConfig config;
    private final JobLeases leases;
    private final JobHandlers handlers;
    private final RetryPolicy retryPolicy;
    private final JobMetrics metrics;
    private final Vertx vertx;

    /** This instance's name in {@code jobs.lease_owner}: host plus a random suffix, unique per process. */
    private final String instanceId;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private volatile boolean accepting;
    private long pollTimer = -1;
    private long heartbeatTimer = -1;

    public Dispatcher(PipelineConfig config, JobLeases leases, JobHandlers handlers, RetryPolicy retryPolicy,
            JobMetrics metrics, Vertx vertx) {
        this.config = config;
        this.leases = leases;
        this.handlers = handlers;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.vertx = vertx;
        this.instanceId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Pipeline disabled on this instance (shortlist.pipeline.enabled=false)");
            return;
        }
        accepting = true;
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> renewLeases());
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
        if (free <= 0) {
            claiming.set(false);
            return;
        }
        leases.claim(free, instanceId, config.leaseDuration()).subscribe().with(
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

    private void run(Job job) {
        long startNanos = System.nanoTime();
        Uni.createFrom().deferred(() -> handlers.handle(job))
                .chain(result -> succeed(job, result, startNanos))
                .onFailure().recoverWithUni(failure -> failed(job, failure, startNanos))
                .subscribe().with(
                        ignored -> finished(),
                        failure -> {
                            // Storing the outcome failed (database down): the lease expires and the rescuer re-queues the job.
                            Log.errorf(failure, "Could not store the outcome of job %s", job.id());
                            finished();
                        });
    }

    private Uni<Void> succeed(Job job, HandlerResult result, long startNanos) {
        return leases.succeed(job.id(), instanceId, result.result(), result.usage())
                .invoke(won -> {
                    if (won) {
                        metrics.completed(job.type().wireName(), "succeeded", since(startNanos));
                    } else {
                        Log.debugf("Job %s was cancelled or rescued while running; its result is dropped", job.id());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> failed(Job job, Throwable failure, long startNanos) {
        if (failure instanceof JobDeferred deferred) {
            Log.debugf("Job %s waits: %s", job.id(), deferred.getMessage());
            return leases.defer(job.id(), instanceId, deferred.runAfter()).replaceWithVoid();
        }
        JobError error = failure instanceof JobFailure jobFailure
                ? jobFailure.error()
                : new JobError("internal_error", "the job could not be processed", true);
        if (!(failure instanceof JobFailure) || failure.getCause() != null) {
            Log.warnf(failure, "Job %s attempt %d failed: %s", job.id(), job.attempts(), error.code());
        }
        if (error.retryable() && !job.isLastAttempt()) {
            return leases.requeue(job.id(), instanceId, error, retryPolicy.nextRunAfter(job.attempts()))
                    .invoke(won -> {
                        if (won) {
                            metrics.retried(job.type().wireName(), error.code());
                        }
                    })
                    .replaceWithVoid();
        }
        return leases.fail(job.id(), instanceId, error)
                .invoke(won -> {
                    if (won) {
                        metrics.completed(job.type().wireName(), "failed", since(startNanos));
                    }
                })
                .replaceWithVoid();
    }

    private void finished() {
        running.decrementAndGet();
        wake();
    }

    private void renewLeases() {
        if (running.get() == 0) {
            return;
        }
        leases.heartbeat(instanceId, config.leaseDuration()).subscribe().with(
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
        vertx.cancelTimer(pollTimer);
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
        int left = running.get();
        if (left > 0) {
            Integer released = leases.releaseAll(instanceId).await().atMost(Duration.ofSeconds(5));
            Log.infof("Drain timeout: released %d unfinished jobs to the queue", released);
        }
        vertx.cancelTimer(heartbeatTimer);
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
