package dev.shortlist.jobs;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Listens to PostgreSQL for what happens to jobs on any replica: submits (so an idle
 * pipeline wakes at once, wherever the job was submitted), every change of status or
 * progress (for live event streams and cooperative cancel) and the stages running jobs reach
 * ({@link JobStages}). One dedicated connection per
 * replica, on the pipeline's event loop ({@link PipelinePool}), re-established after a loss; pollers cover the gap while it is down.
 */
@ApplicationScoped
public class JobEvents {

    static final String CHANGE_CHANNEL = "shortlist_job_events";
    static final String NOTIFY_SUBMITTED = "SELECT pg_notify('" + JobRepository.SUBMIT_CHANNEL + "', '')";
    private static final long RECONNECT_DELAY_MS = 1_000;

    private final PipelinePool pipeline;
    private final Event<JobSubmitted> submitted;
    private final JobStages stages;
    private final BroadcastProcessor<JobChange> changes = BroadcastProcessor.create();
    private final AtomicBoolean notifying = new AtomicBoolean();
    private final AtomicBoolean notifyAgain = new AtomicBoolean();
    private PgSubscriber subscriber;
    private volatile boolean stopping;

    JobEvents(PipelinePool pipeline, Event<JobSubmitted> submitted, JobStages stages) {
        this.pipeline = pipeline;
        this.submitted = submitted;
        this.stages = stages;
    }

    /** The listener runs on the pipeline's event loop: requests cannot hold up what wakes the pipeline. */
    void start(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(pipeline.vertx(), pipeline.connectOptions())
                .reconnectPolicy(attempts -> RECONNECT_DELAY_MS);
        subscriber.channel(JobRepository.SUBMIT_CHANNEL).handler(payload -> submitted.fire(new JobSubmitted()));
        subscriber.channel(CHANGE_CHANNEL).handler(this::onChange);
        subscriber.channel(JobStages.CHANNEL).handler(stages::received);
        subscriber.closeHandler(() -> {
            if (!stopping) {
                Log.warn("Lost the job notification connection; reconnecting");
            }
        });
        subscriber.connect().subscribe().with(
                ignored -> Log.debug("Listening for job notifications"),
                failure -> Log.warnf("Job notifications unavailable (%s); relying on polling", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
        changes.onComplete();
    }

    /**
     * Jobs were queued here: wakes this replica's pipeline at once, and the others through
     * one NOTIFY. Notifications are coalesced: while one is on its way, any number of
     * further submits add one more, so a burst of submits costs a few notifications, not
     * one lock-taking commit each.
     */
    public void announceSubmitted() {
        submitted.fire(new JobSubmitted());
        if (!notifying.compareAndSet(false, true)) {
            notifyAgain.set(true);
            return;
        }
        notifyAgain.set(false);
        pipeline.pool().query(NOTIFY_SUBMITTED).execute().subscribe().with(ok -> notified(), failure -> {
            Log.debugf("Submit notification failed (replicas fall back to polling): %s", failure.getMessage());
            notified();
        });
    }

    private void notified() {
        notifying.set(false);
        if (notifyAgain.get()) {
            notifyAgain.set(false);
            if (notifying.compareAndSet(false, true)) {
                pipeline.pool().query(NOTIFY_SUBMITTED).execute().subscribe().with(ok -> notified(), failure -> notified());
            }
        }
    }

    /**
     * A job running here reached a stage of its work: in memory and through a NOTIFY, never a
     * write of its row (see {@link JobStages}).
     */
    public void announceStage(Job job, JobStage stage) {
        stages.reached(job, stage);
    }

    /** Every change of every job, as it is announced; hot: only changes after subscribing arrive. */
    public Multi<JobChange> changes() {
        return changes;
    }

    /**
     * The changes of one job. A slow follower keeps only the latest: followers re-read
     * the job on each change, so the latest is all they need.
     */
    public Multi<JobChange> changesOf(UUID id) {
        return changes.select().where(change -> change.id().equals(id)).onOverflow().dropPreviousItems();
    }

    /** One notification per statement: a line per job it changed (see migration V127). */
    private void onChange(String payload) {
        for (String line : payload.split("\n")) {
            try {
                JobChange change = JobChange.parse(line);
                stages.changed(change);
                changes.onNext(change);
            } catch (RuntimeException e) {
                Log.warnf("Ignoring a malformed job notification: %s", line);
            }
        }
    }
}
