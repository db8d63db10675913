package dev.shortlist.submit;

import dev.shortlist.cache.CachedResult;
import dev.shortlist.cache.ResultCache;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.platform.quota.DailyQuotas;
import dev.shortlist.platform.quota.HourlyQuotas;
import dev.shortlist.platform.quota.QuotaExceededException;
import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The quotas a submit takes before anything is stored, and gives back when nothing was:
 * a job's daily quota (read along with its cached result, in one round trip to Redis), and
 * a batch's hourly resume quota and daily job quota.
 */
@ApplicationScoped
class SubmitQuotas {

    /** What a batch took, for giving it back. */
    record BatchCharge(String owner, String type, int jobs, HourlyQuotas.Charge resumes) {
    }

    private final DailyQuotas daily;
    private final HourlyQuotas hourly;
    private final ResultCache cache;

    SubmitQuotas(DailyQuotas daily, HourlyQuotas hourly, ResultCache cache) {
        this.daily = daily;
        this.hourly = hourly;
        this.cache = cache;
    }

    /** Takes one job of the caller's daily quota, or refuses with a 429; the job's cached result when there is one. */
    Uni<Optional<CachedResult>> takeJob(Caller caller, NewJob job) {
        String type = job.type().wireName();
        String cacheEntry = cache.entryForNewJob(type, job.inputHash(), job.input().path("options").path("engine").textValue())
                .orElse(null);
        return daily.take(caller.owner(), caller.limits(), type, 1, cacheEntry).map(taken -> {
            if (!taken.allowed()) {
                throw new QuotaExceededException(taken.refusedQuota(), taken.limit(), taken.resetAt());
            }
            return cacheEntry == null ? Optional.<CachedResult>empty() : cache.foundForNewJob(taken.readAlong());
        });
    }

    /** A job that is not stored gives its share of the quota back. */
    Uni<Void> refundJob(Caller caller, NewJob job) {
        return daily.refund(caller.owner(), job.type().wireName(), 1);
    }

    /**
     * Each resume is a unit of the hourly resume quota, then a job of the daily quota: a
     * batch too large for either is refused whole, and takes nothing.
     */
    Uni<BatchCharge> takeBatch(Caller caller, String type, int jobs) {
        return hourly.charge(caller.owner(), caller.limits(), HourlyQuotas.Kind.RESUMES, jobs)
                .chain(resumes -> daily.take(caller.owner(), caller.limits(), type, jobs)
                        .map(taken -> {
                            if (!taken.allowed()) {
                                throw new QuotaExceededException(taken.refusedQuota(), taken.limit(), taken.resetAt());
                            }
                            return new BatchCharge(caller.owner(), type, jobs, resumes);
                        })
                        .onFailure().call(() -> hourly.refund(resumes)));
    }

    /** A batch not stored gives its share of both quotas back. */
    Uni<Void> refundBatch(BatchCharge charge) {
        return daily.refund(charge.owner(), charge.type(), charge.jobs()).chain(() -> hourly.refund(charge.resumes()));
    }
}
