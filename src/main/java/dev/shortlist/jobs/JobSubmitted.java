package dev.shortlist.jobs;

import java.util.UUID;

/** Fired in-process after a job's insert committed, so the local pipeline wakes without waiting for a poll. */
public record JobSubmitted(UUID jobId) {
}
