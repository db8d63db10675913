package dev.shortlist.jobs;

import dev.shortlist.platform.problem.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Looks up and cancels a caller's jobs (submitting them is {@code dev.shortlist.submit}'s). */
@ApplicationScoped
public class JobService {

    private final JobRepository jobs;
    private final JobWrites writes;

    public JobService(JobRepository jobs, JobWrites writes) {
        this.jobs = jobs;
        this.writes = writes;
    }

    public Uni<Job> find(String owner, UUID id) {
        return jobs.findOwned(id, owner)
                .map(found -> found.orElseThrow(() -> new NotFoundException("job", id)));
    }

    /** The caller's jobs among {@code ids}, in the order asked, in one read; others' and unknown ids are left out. */
    public Uni<List<Job>> findMany(String owner, List<UUID> ids) {
        return jobs.findManyOwned(ids, owner);
    }

    /**
     * Cancels a queued job at once. A running job is cancelled too: its result can no
     * longer be stored, and the replica running it stops its work when it hears of it.
     */
    public Uni<Job> cancel(String owner, UUID id) {
        return writes.cancel(id, owner).chain(cancelled -> cancelled.isPresent()
                ? Uni.createFrom().item(cancelled.get())
                : find(owner, id).map(job -> {
                    throw new JobFinishedException(id, job.status());
                }));
    }

    /** A page of the caller's jobs, newest first. */
    public Uni<JobPage> list(String owner, JobFilter filter, JobCursor after, int limit) {
        return jobs.list(owner, filter, after, limit + 1).map(found -> found.size() > limit
                ? new JobPage(found.subList(0, limit), JobCursor.after(found.get(limit - 1)))
                : new JobPage(found, null));
    }
}
