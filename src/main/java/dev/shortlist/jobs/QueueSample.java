package dev.shortlist.jobs;

import java.time.Duration;
import java.util.Map;

/**
 * The queue at one moment: queued jobs by priority, and how long the oldest job ready to
 * run has waited (zero when none is). Jobs waiting for a later {@code run_after} (retry
 * backoff, a quota) are not late, so they do not age the queue.
 */
public record QueueSample(Map<Priority, Long> depth, Duration oldestReady) {
}
