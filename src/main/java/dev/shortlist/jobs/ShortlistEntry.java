package dev.shortlist.jobs;

import java.util.List;
import java.util.UUID;

/**
 * One scored resume of a batch, in rank order.
 *
 * @param engine     the engine whose score this is ({@code local}, or the remote one that re-scored it)
 * @param localScore the local engine's score, when a remote model re-scored the resume; otherwise null
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record ShortlistEntry(
        int rank,
        String externalId,
        UUID jobId,
        int score,
        String recommendation,
        List<String> matchedSkills,
        List<String> missingSkills,
        String engine,
        Integer localScore) implements ShortlistItem {
}
