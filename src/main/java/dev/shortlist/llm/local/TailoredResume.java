package dev.shortlist.llm.local;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A resume rewritten for one job, in the shape of a {@code tailor} result. It reorders and
 * emphasises what the resume already says; skills it does not show are only suggested.
 *
 * @param keywordsAdded     job skills the resume evidences that the tailored version now lists up front
 * @param missingKeywords   job skills the resume does not show: suggestions, never claims
 * @param atsScoreBefore    the local score of the original resume against the job
 * @param atsScoreAfter     the same score of the tailored resume
 */
@RegisterForReflection
public record TailoredResume(
        String resumeMarkdown,
        List<String> changes,
        List<String> keywordsAdded,
        List<String> missingKeywords,
        List<String> suggestions,
        int atsScoreBefore,
        int atsScoreAfter,
        String summary) {
}
