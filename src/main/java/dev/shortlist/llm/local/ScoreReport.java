package dev.shortlist.llm.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A score and everything behind it, in the shape of a {@code score} result.
 *
 * @param components each part of the score a person can check: what it measured, its weight
 * @param evidence   the resume line behind each matched skill
 * @param requirements every requirement the posting states, met (with its quote) or missing
 */
@RegisterForReflection
public record ScoreReport(
        int score,
        String recommendation,
        List<Component> components,
        List<String> matchedSkills,
        List<String> missingSkills,
        List<String> missingPreferredSkills,
        List<Evidence> evidence,
        List<String> strengths,
        List<String> gaps,
        double yearsOfExperience,
        Double yearsRequired,
        String resumeTitle,
        String jobTitle,
        String summary,
        List<RequirementResult> requirements) {

    /**
     * One component of the score.
     *
     * @param score  0–100, or null when it does not apply to this job
     * @param weight its share of the total, 0 when it does not apply
     */
    @RegisterForReflection
    public record Component(String name, Integer score, double weight, String detail) {
    }

    /**
     * One requirement the posting states and what the resume shows of it.
     *
     * @param requirement the requirement in the posting's words ("ACLS certification")
     * @param kind        required or preferred
     * @param met         whether the resume shows it
     * @param matchedBy   how it was found: "words" (its words, an acronym or its expansion, on one line),
     *                    "meaning" (a line that says the same in other words), or "missing"
     * @param quote       the resume's line that shows it, verbatim; absent when missing
     * @param section     the resume section of that line; absent when missing
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequirementResult(String requirement, String kind, boolean met, String matchedBy, String quote, String section) {
    }

    /** A matched skill and the resume line that shows it. */
    @RegisterForReflection
    public record Evidence(String skill, String quote, String section) {
    }
}
