package dev.shortlist.jobs;

import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Looks up, follows and cancels a caller's jobs (submitting them is {@code dev.shortlist.submit}'s). */
@ApplicationScoped
public class JobService {

    private final JobRepository jobs;
    private final JobWrites writes;
    private final JobsConfig config;
    private final JobEvents events;

    public JobService(JobRepository jobs, JobWrites writes, JobsConfig config, JobEvents events) {
        this.jobs = jobs;
        this.writes = writes;
        this.config = config;
        this.events = events;
    }

    public Uni<Job> find(Caller caller, UUID id) {
        return jobs.findOwned(id, caller.owner())
                .map(found -> found.orElseThrow(() -> new JobNotFoundException(id)));
    }

    /**
     * Cancels a queued job at once. A running job is cancelled too: its result can no
     * longer be stored, and the replica running it stops its work when it hears of it.
     */
    public Uni<Job> cancel(Caller caller, UUID id) {
        return writes.cancel(id, caller.owner()).chain(cancelled -> cancelled.isPresent()
                ? Uni.createFrom().item(cancelled.get())
                : find(caller, id).map(job -> {
                    throw new JobFinishedException(id, job.status());
                }));
    }

    /** A page of the caller's jobs, newest first. */
    public Uni<JobPage> list(Caller caller, JobFilter filter, JobCursor after, int limit) {
        return jobs.list(caller.owner(), filter, after, limit + 1).map(found -> found.size() > limit
                ? new JobPage(found.subList(0, limit), JobCursor.after(found.get(limit - 1)))
                : new JobPage(found, null));
    }

    /**
     * The job now and at each change of its status or progress, on whichever replica it
     * runs, completing once it has ended. Changes arrive as announcements from the
     * database; a slow re-read covers any announcement missed.
     *
     * @param current the job as just read for the caller (see {@link #find})
     */
    public Multi<Job> follow(Caller caller, Job current) {
        UUID id = current.id();
        Multi<Object> signals = Multi.createBy().merging().streams(
                events.changesOf(id).map(change -> (Object) change),
                Multi.createFrom().ticks().every(config.eventsSafetyPoll()).map(tick -> (Object) tick));
        Multi<Job> later = signals
                .onItem().transformToUniAndConcatenate(signal -> jobs.findOwned(id, caller.owner()))
                .select().where(Optional::isPresent)
                .map(Optional::get);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(current), later)
                .skip().repetitions()
                .plug(JobService::untilEnded);
    }

    /** Passes jobs on until one has ended, that one included. */
    private static Multi<Job> untilEnded(Multi<Job> jobs) {
        return Multi.createFrom().emitter(emitter -> {
            var subscription = jobs.subscribe().with(job -> {
                emitter.emit(job);
                if (job.status().isTerminal()) {
                    emitter.complete();
                }
            }, emitter::fail, emitter::complete);
            emitter.onTermination(subscription::cancel);
        });
    }
}
