package dev.shortlist.jobs;

import java.util.List;
import java.util.UUID;

/** One scored resume of a batch, in rank order. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record ShortlistEntry(
        int rank,
        String externalId,
        UUID jobId,
        int score,
        String recommendation,
        List<String> matchedSkills,
        List<String> missingSkills) {
}
