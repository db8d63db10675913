package dev.shortlist.llm.local;

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

    public String recommendation(int score) {
        return score >= shortlistAt ? "shortlist" : score >= maybeAt ? "maybe" : "reject";
    }
}
