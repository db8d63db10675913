package dev.shortlist.llm.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the local engine weighs its score components and where its recommendations start.
 * Weights are relative: a component that does not apply (the posting asks no years, names
 * no preferred skills) drops out and the others share its weight.
 */
public record ScoringPolicy(
        double semanticFit,
        double requirementCoverage,
        double requiredSkills,
        double preferredSkills,
        double titleFit,
        double experience,
        double domainFit,
        double textRelevance,
        int shortlistAt,
        int maybeAt) {

    public static final ScoringPolicy DEFAULT = new ScoringPolicy(0.30, 0.20, 0.0, 0.05, 0.20, 0.05, 0.20, 0.20, 70, 45);
    /** Embeddings kept in memory by default: a 10,000-resume batch and its postings, about 20 MB. */
    public static final int DEFAULT_EMBEDDING_CACHE = 20_000;
    /** Resume readings kept in memory by default (and a tenth as many job descriptions). */
    public static final int DEFAULT_READING_CACHE = 5_000;

    public ScoringPolicy {
        for (double weight : new double[] {semanticFit, requirementCoverage, requiredSkills, preferredSkills, titleFit, experience, domainFit, textRelevance}) {
            if (weight < 0) {
                throw new IllegalArgumentException("score component weights cannot be negative");
            }
        }
        if (maybeAt > shortlistAt || maybeAt < 0 || shortlistAt > 100) {
            throw new IllegalArgumentException("thresholds need 0 <= maybe-at <= shortlist-at <= 100");
        }
    }

    /** The criteria a caller may weigh ({@code options.weights}), by the names the score's components carry. */
    public static final List<String> CRITERIA = List.of("semanticFit", "requirementCoverage", "requiredSkills",
            "preferredSkills", "titleFit", "experience", "domainFit", "textRelevance");

    /** Every criterion's weight by name, in {@link #CRITERIA} order. */
    public Map<String, Double> weights() {
        double[] values = {semanticFit, requirementCoverage, requiredSkills, preferredSkills, titleFit, experience, domainFit, textRelevance};
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            weights.put(CRITERIA.get(i), values[i]);
        }
        return weights;
    }

    /**
     * This policy with the weights a caller gave ({@code options.weights}) in place of its own;
     * the criteria not named keep theirs, and the thresholds stay.
     *
     * @throws IllegalArgumentException for a name not in {@link #CRITERIA}
     */
    public ScoringPolicy withWeights(Map<String, Double> given) {
        if (given.isEmpty()) {
            return this;
        }
        Map<String, Double> weights = weights();
        given.forEach((name, weight) -> {
            if (weights.replace(name, weight) == null) {
                throw new IllegalArgumentException("no criterion " + name);
            }
        });
        return new ScoringPolicy(weights.get("semanticFit"), weights.get("requirementCoverage"), weights.get("requiredSkills"),
                weights.get("preferredSkills"), weights.get("titleFit"), weights.get("experience"), weights.get("domainFit"),
                weights.get("textRelevance"), shortlistAt, maybeAt);
    }

    public String recommendation(int score) {
        return score >= shortlistAt ? "shortlist" : score >= maybeAt ? "maybe" : "reject";
    }
}
