package dev.shortlist.jobs;

import java.util.List;
import java.util.UUID;

/**
 * What a replay did (or, on a dry run, would do): the failed jobs the filter matched, those
 * re-queued, and those left failed because their input is quarantined.
 */
public record ReplayOutcome(boolean dryRun, long matched, long replayable, long quarantined, List<UUID> replayed) {
}
