package dev.shortlist.jobs;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stage each running job is in ({@link JobStage}), on every replica, without a database
 * write: the replica running a job keeps its stage in memory and announces it with a
 * PostgreSQL NOTIFY on {@value #CHANNEL}, which every replica's one listener ({@link JobEvents})
 * hands back here. Announcements are coalesced: while one NOTIFY is on its way, the stages
 * reached meanwhile wait and go together in the next (up to {@value #LINES_PER_NOTIFY} a
 * notification), so a busy pipeline sends a few notifications, not one a stage. A stage is
 * shown only for a job whose row says running, in the attempt that reached it; a change of
 * the row (the job ended or went back to the queue) forgets it.
 */
@ApplicationScoped
public class JobStages {

    static final String CHANNEL = "shortlist_job_stages";
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', $1)";
    /** Lines of about 50 characters: well under PostgreSQL's 8000-byte payload limit. */
    static final int LINES_PER_NOTIFY = 100;
    /** An entry not refreshed for this long belongs to a job whose end was missed (a lost notification). */
    private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(15);

    private record Entry(JobStage stage, int attempt, long atNanos) {
    }

    private final PipelinePool pipeline;
    /** This replica's mark on its announcements, so it does not take its own back out of order. */
    private final String sender = UUID.randomUUID().toString();
    private final Map<UUID, Entry> stages = new ConcurrentHashMap<>();
    private final BroadcastProcessor<UUID> broadcast = BroadcastProcessor.create();
    /** Stages are reached on every pipeline event loop at once: they reach the broadcast one at a time. */
    private final SerializedProcessor<UUID, UUID> changes = broadcast.serialized();
    private final Queue<String> unsent = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    JobStages(PipelinePool pipeline) {
        this.pipeline = pipeline;
    }

    /** The job, running here, reached {@code stage}: watchers here hear it now, the other replicas through one NOTIFY. */
    void reached(Job job, JobStage stage) {
        put(job.id(), job.attempts(), stage);
        unsent.add(job.id() + " " + job.attempts() + " " + stage.wireName());
        send();
    }

    /** The stage of a running job, as its replica last announced it; empty for a job not running. */
    public Optional<JobStage> of(Job job) {
        if (job.status() != JobStatus.RUNNING) {
            return Optional.empty();
        }
        Entry entry = stages.get(job.id());
        return entry == null || entry.attempt() != job.attempts() ? Optional.empty() : Optional.of(entry.stage());
    }

    /** The ids of jobs whose stage changed, as the changes come; hot: only changes after subscribing arrive. */
    public Multi<UUID> changes() {
        return broadcast;
    }

    /** One notification from a replica: its mark, then a line {@code "<id> <attempt> <stage>"} per stage reached. */
    void received(String payload) {
        String[] lines = payload.split("\n");
        if (lines.length == 0 || sender.equals(lines[0])) {
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            try {
                String[] parts = lines[i].split(" ");
                put(UUID.fromString(parts[0]), Integer.parseInt(parts[1]), JobStage.fromWireName(parts[2]));
            } catch (RuntimeException e) {
                Log.warnf("Ignoring a malformed job stage notification: %s", lines[i]);
            }
        }
    }

    /**
     * The job's row changed: unless it was claimed (its stages follow), what it was doing is
     * over. Watchers hear of it from the row's own change, not from here.
     */
    void changed(JobChange change) {
        if (change.status() != JobStatus.RUNNING) {
            stages.remove(change.id());
        }
    }

    private void put(UUID id, int attempt, JobStage stage) {
        Entry before = stages.put(id, new Entry(stage, attempt, System.nanoTime()));
        if (before == null || before.stage() != stage || before.attempt() != attempt) {
            changes.onNext(id);
        }
    }

    /** Forgets stages whose job's end was never heard of (a notification lost while the listener reconnected). */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetStale() {
        long now = System.nanoTime();
        stages.values().removeIf(entry -> now - entry.atNanos() > FORGET_AFTER_NANOS);
    }

    /** Sends what waits, one NOTIFY at a time; a failed one is not retried (watchers elsewhere see the next stage or the end). */
    private void send() {
        if (unsent.isEmpty() || !sending.compareAndSet(false, true)) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(sender);
        for (String line; lines.size() <= LINES_PER_NOTIFY && (line = unsent.poll()) != null; ) {
            lines.add(line);
        }
        if (lines.size() == 1) {
            sending.set(false);
            send();
            return;
        }
        pipeline.pool().preparedQuery(NOTIFY).execute(Tuple.of(String.join("\n", lines))).subscribe().with(ok -> sent(), failure -> {
            Log.debugf("Job stage notification failed; other replicas see the next stage or the end: %s", failure.getMessage());
            sent();
        });
    }

    private void sent() {
        sending.set(false);
        send();
    }
}
