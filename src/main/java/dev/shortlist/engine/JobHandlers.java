package dev.shortlist.engine;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobType;
import dev.shortlist.llm.LlmException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;

/** Routes each job to the handler of its type and turns every failure into a {@link JobFailure}. */
@ApplicationScoped
public class JobHandlers {

    private final Map<JobType, JobHandler> byType = new EnumMap<>(JobType.class);

    public JobHandlers(Instance<JobHandler> handlers) {
        handlers.forEach(handler -> byType.put(handler.type(), handler));
    }

    public Uni<HandlerResult> handle(Job job) {
        JobHandler handler = byType.get(job.type());
        if (handler == null) {
            return Uni.createFrom().failure(new JobFailure(
                    new JobError("unsupported_type", "no handler for " + job.type().wireName() + " jobs", false), null));
        }
        return Uni.createFrom().deferred(() -> handler.handle(job))
                .onFailure(failure -> !(failure instanceof JobFailure)).transform(JobHandlers::asJobFailure);
    }

    private static JobFailure asJobFailure(Throwable failure) {
        if (failure instanceof LlmException llm) {
            return new JobFailure(new JobError(llm.code(), llm.getMessage(), llm.retryable()), llm);
        }
        // Unknown failures are retried: a bug fixed by a redeploy should not have failed the job for good.
        return new JobFailure(new JobError("internal_error", "the job could not be processed", true), failure);
    }
}
