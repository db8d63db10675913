package dev.shortlist.llm.local;

import java.util.Map;
import java.util.Set;

/**
 * How much one line of a resume speaks to a job: each asked skill it names counts most,
 * the posting's other terms break ties. Orders bullets when tailoring and generating.
 */
final class LineRelevance {

    private static final double PER_ASKED_SKILL = 10;

    private final Vocabulary skills;
    private final Set<Term> asked;
    private final Map<String, Double> query;

    LineRelevance(Vocabulary skills, Set<Term> asked, Map<String, Double> query) {
        this.skills = skills;
        this.asked = asked;
        this.query = query;
    }

    double of(String line) {
        double score = 0;
        for (Vocabulary.Located located : skills.locate(line)) {
            if (asked.contains(located.term())) {
                score += PER_ASKED_SKILL;
            }
        }
        for (String token : Tokens.of(line)) {
            score += query.getOrDefault(TextRelevance.stem(token), 0.0);
        }
        return score;
    }
}
