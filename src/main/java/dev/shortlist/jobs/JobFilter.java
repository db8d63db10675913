package dev.shortlist.jobs;

import java.util.UUID;

/** What a listing is narrowed to; null means any. */
public record JobFilter(JobStatus status, JobType type, UUID batchId) {
}
