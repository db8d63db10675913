package dev.shortlist.llm.local;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A resume written from a candidate profile for one job, in the shape of a {@code generate} result.
 *
 * @param missingKeywords job skills the profile does not show: suggestions, never claims
 * @param atsScore        the local score of the generated resume against the job
 */
@RegisterForReflection
public record GeneratedResume(
        String resumeMarkdown,
        List<String> matchedSkills,
        List<String> missingKeywords,
        List<String> suggestions,
        int atsScore,
        String summary) {
}
