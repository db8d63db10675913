package dev.shortlist.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobStage;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Priority;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as callers see it. Field names are part of the API contract: add, never rename. */
@Schema(name = "Job")
public record JobView(
        UUID id,
        JobType type,
        JobStatus status,
        Priority priority,
        @Schema(description = "0–100; while the job runs, the progress of the stage it reached") int progress,
        @Schema(description = "While the job runs, the stage of its work: reading, screening, scoring (local engine), "
                + "model_call (the remote model asked) or writing; null otherwise") JobStage stage,
        int attempts,
        int maxAttempts,
        boolean cacheHit,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "The result once the job succeeded; its shape depends on the type") JsonNode result,
        @Schema(description = "Why the job failed, or why its last attempt did") JobError error,
        Usage usage,
        @Schema(description = "While a queued job waits without spending attempts: model (unavailable), llm-quota or identical-work")
        String waitingFor,
        @Schema(description = "Since when the job has been waiting for what waitingFor names") Instant waitingSince) {

    /** Which engine and model did the work, and its cost. */
    @Schema(name = "JobUsage")
    public record Usage(String engine, String model, int tokensIn, int tokensOut, BigDecimal costUsd) {
    }

    static JobView of(Job job) {
        return of(job, Optional.empty());
    }

    /** The job as stored, with the stage its replica announced while it runs (see jobs.JobStages). */
    static JobView of(Job job, Optional<JobStage> stage) {
        Usage usage = job.usage().engine() == null ? null
                : new Usage(job.usage().engine(), job.usage().model(), job.usage().tokensIn(),
                        job.usage().tokensOut(), job.usage().costUsd());
        boolean waiting = job.status() == JobStatus.QUEUED && job.waitingFor() != null;
        int progress = stage.map(reached -> Math.max(reached.progress(), job.progress())).orElse(job.progress());
        return new JobView(job.id(), job.type(), job.status(), job.priority(), progress, stage.orElse(null), job.attempts(),
                job.maxAttempts(), job.cacheHit(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.result(), job.error(), usage, waiting ? job.waitingFor() : null, waiting ? job.waitingSince() : null);
    }
}
