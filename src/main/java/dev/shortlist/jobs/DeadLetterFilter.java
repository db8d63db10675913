package dev.shortlist.jobs;

import java.time.Instant;

/** Which failed jobs an operator means: by error code, type, owner and when they failed; null = any. */
public record DeadLetterFilter(String code, JobType type, String owner, Instant since, Instant until) {
}
