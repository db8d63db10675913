package dev.shortlist.submit;

import dev.shortlist.jobs.IdempotencyKeys;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobEvents;
import dev.shortlist.jobs.JobNotRetryableException;
import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.platform.problem.NotFoundException;
import dev.shortlist.platform.quota.DailyQuotas;
import dev.shortlist.platform.quota.QuotaExceededException;
import dev.shortlist.security.Caller;
import dev.shortlist.security.SecurityAudit;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * An owner runs their own failed or cancelled job again, with the write the admin's
 * dead-letter replay makes (see {@link JobWrites#retry}). A retry is a new job for the owner's
 * limits: it takes one from the daily quota of its type and needs room in their queue.
 * With an Idempotency-Key, the same retry sent again answers with the job as it stands.
 */
@ApplicationScoped
public class JobRetries {

    static final String RETRIED = "job_retried";

    private final JobWrites writes;
    private final JobRepository jobs;
    private final DailyQuotas quotas;
    private final QueuedCounts queuedCounts;
    private final JobsConfig config;
    private final JobEvents events;
    private final SecurityAudit audit;

    JobRetries(JobWrites writes, JobRepository jobs, DailyQuotas quotas, QueuedCounts queuedCounts, JobsConfig config,
            JobEvents events, SecurityAudit audit) {
        this.writes = writes;
        this.jobs = jobs;
        this.quotas = quotas;
        this.queuedCounts = queuedCounts;
        this.config = config;
        this.events = events;
        this.audit = audit;
    }

    /**
     * The job queued again, or as this Idempotency-Key's earlier retry left it; 404 when the
     * caller has no such job, 409 when it is not failed or cancelled.
     */
    public Uni<Job> retry(Caller caller, UUID id, String idempotencyKey) {
        IdempotencyKeys.require(idempotencyKey, config);
        return earlier(caller, id, idempotencyKey).chain(replayed -> replayed != null
                ? Uni.createFrom().item(replayed)
                : retryable(caller, id).chain(job -> queueAgain(caller, job, idempotencyKey)));
    }

    private Uni<Job> queueAgain(Caller caller, Job failed, String idempotencyKey) {
        UUID id = failed.id();
        String type = failed.type().wireName();
        return queuedCounts.requireRoom(caller.owner()).chain(() -> quotas.take(caller.owner(), caller.limits(), type, 1)).chain(taken -> {
            if (!taken.allowed()) {
                throw new QuotaExceededException(taken.refusedQuota(), taken.limit(), taken.resetAt());
            }
            // A retry that did not happen (another won, or the write failed) gives its quota back.
            return writes.retry(id, caller.owner(), idempotencyKey)
                    .onFailure().call(() -> quotas.refund(caller.owner(), type, 1))
                    .chain(retried -> retried.isPresent()
                            ? Uni.createFrom().item(retried.get()).invoke(job -> announce(caller, job))
                            : quotas.refund(caller.owner(), type, 1).chain(() -> lostTo(caller, id, idempotencyKey)));
        });
    }

    /** Another request retried the job first: the same retry sent twice at once answers with it, any other is a 409. */
    private Uni<Job> lostTo(Caller caller, UUID id, String idempotencyKey) {
        return earlier(caller, id, idempotencyKey).chain(replayed -> replayed != null
                ? Uni.createFrom().item(replayed)
                : retryable(caller, id));
    }

    /** The job, when this Idempotency-Key retried it already; otherwise null. */
    private Uni<Job> earlier(Caller caller, UUID id, String idempotencyKey) {
        if (idempotencyKey == null) {
            return Uni.createFrom().nullItem();
        }
        return jobs.retryKey(id, caller.owner()).chain(key -> idempotencyKey.equals(key)
                ? jobs.findOwned(id, caller.owner()).map(found -> found.orElseThrow(() -> new NotFoundException("job", id)))
                : Uni.createFrom().nullItem());
    }

    /** The caller's job if it failed or was cancelled; otherwise a 404 or 409 problem. */
    private Uni<Job> retryable(Caller caller, UUID id) {
        return jobs.findOwned(id, caller.owner()).map(found -> {
            Job job = found.orElseThrow(() -> new NotFoundException("job", id));
            if (job.status() != JobStatus.FAILED && job.status() != JobStatus.CANCELLED) {
                throw new JobNotRetryableException(id, job.status());
            }
            return job;
        });
    }

    private void announce(Caller caller, Job job) {
        queuedCounts.queued(job.owner());
        events.announceSubmitted();
        audit.record(RETRIED, caller.owner(), null, Map.of("jobId", job.id().toString(), "type", job.type().wireName()));
        Log.infof("Job %s retried by its owner", job.id());
    }
}
