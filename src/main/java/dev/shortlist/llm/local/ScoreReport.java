package dev.shortlist.llm.local;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A score and everything behind it, in the shape of a {@code score} result.
 *
 * @param components each part of the score a person can check: what it measured, its weight
 * @param evidence   the resume line behind each matched skill
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
        String summary) {

    /**
     * One component of the score.
     *
     * @param score  0–100, or null when it does not apply to this job
     * @param weight its share of the total, 0 when it does not apply
     */
    @RegisterForReflection
    public record Component(String name, Integer score, double weight, String detail) {
    }

    /** A matched skill and the resume line that shows it. */
    @RegisterForReflection
    public record Evidence(String skill, String quote, String section) {
    }
}
