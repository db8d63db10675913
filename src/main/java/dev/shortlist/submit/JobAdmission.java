package dev.shortlist.submit;

import dev.shortlist.cache.CachedResult;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A checked job into the store: its quota taken, then completed at once from the cache or
 * queued (when the caller's queue has room); a repeat of an Idempotency-Key answered with
 * the job the first request created.
 */
@ApplicationScoped
class JobAdmission {

    private final SubmitQuotas quotas;
    private final QueuedCounts queuedCounts;
    private final SubmitInserts inserts;
    private final JobWrites writes;
    private final JobRepository jobs;
    private final Announcements announcements;
    private final SubmitSteps steps;

    JobAdmission(SubmitQuotas quotas, QueuedCounts queuedCounts, SubmitInserts inserts, JobWrites writes, JobRepository jobs,
            Announcements announcements, SubmitSteps steps) {
        this.steps = steps;
        this.quotas = quotas;
        this.queuedCounts = queuedCounts;
        this.inserts = inserts;
        this.writes = writes;
        this.jobs = jobs;
        this.announcements = announcements;
    }

    Uni<Submitted> admit(Caller caller, NewJob job) {
        return steps.timed(SubmitSteps.QUOTA, quotas.takeJob(caller, job))
                .chain(hit -> store(caller, job, hit).onFailure().call(() -> quotas.refundJob(caller, job)))
                .chain(stored -> stored.isPresent()
                        ? Uni.createFrom().item(new Submitted(stored.get(), true)).invoke(submitted -> announcements.job(submitted.job()))
                        : quotas.refundJob(caller, job).chain(() -> replay(caller, job)));
    }

    /** The stored job; empty when the caller already has a job under this Idempotency-Key. */
    private Uni<Optional<Job>> store(Caller caller, NewJob job, Optional<CachedResult> hit) {
        if (hit.isPresent()) {
            return writes.insertCached(job, hit.get().result(), hit.get().engine(), hit.get().model());
        }
        return steps.timed(SubmitSteps.ROOM, queuedCounts.requireRoom(caller.owner()))
                .chain(() -> steps.timed(SubmitSteps.INSERT, inserts.insert(job)))
                .invoke(stored -> stored.ifPresent(inserted -> queuedCounts.queued(inserted.owner())));
    }

    /** The job an earlier submit with this Idempotency-Key created, if the request was the same. */
    private Uni<Submitted> replay(Caller caller, NewJob attempted) {
        return jobs.findByIdempotencyKey(caller.owner(), attempted.idempotencyKey()).map(found -> {
            Job earlier = found.orElseThrow(() -> new IllegalStateException("idempotency key conflict without a job"));
            if (earlier.type() != attempted.type() || earlier.priority() != attempted.priority()
                    || !earlier.inputHash().equals(attempted.inputHash())) {
                throw new IdempotencyConflictException(attempted.idempotencyKey());
            }
            return new Submitted(earlier, false);
        });
    }
}
