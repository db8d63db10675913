package dev.shortlist.jobs;

import java.util.List;
import java.util.UUID;

/**
 * One tailored resume of a batch, in rank order: best ATS score after tailoring first, the
 * score before beside it, so a recruiter sees both who fits and how much the rewrite moved.
 *
 * @param atsScoreAfter  the tailored resume's score against the job
 * @param atsScoreBefore the original resume's score against the same job
 * @param keywordsAdded  job skills the resume evidences that the tailored version now lists up front
 * @param missingKeywords job skills the resume does not show
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record TailoredEntry(
        int rank,
        String externalId,
        UUID jobId,
        int atsScoreAfter,
        int atsScoreBefore,
        List<String> keywordsAdded,
        List<String> missingKeywords,
        String engine) implements ShortlistItem {
}
