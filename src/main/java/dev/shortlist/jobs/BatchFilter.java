package dev.shortlist.jobs;

import java.time.Instant;

/** What a batch listing is narrowed to; null means any. Created from {@code createdAfter} (inclusive) to {@code createdBefore} (exclusive). */
public record BatchFilter(BatchStatus status, JobType type, Instant createdAfter, Instant createdBefore) {
}
