package dev.shortlist.llm.local;

import java.util.List;

/**
 * One thing a job description asks, in its own words: a required or preferred line (a
 * skill, a certification, a degree, years) or a duty. Read from any posting, whatever the
 * field, not only from the skills the engine knows.
 *
 * @param kind  required, preferred or duty
 * @param text  the posting's line, bullet marks removed
 * @param terms its stems and stem pairs, for finding the resume line that shows it
 */
public record Requirement(Kind kind, String text, List<String> terms) {

    /** How much a requirement counts towards coverage. */
    public enum Kind {
        REQUIRED(1.0), DUTY(0.7), PREFERRED(0.5);

        private final double weight;

        Kind(double weight) {
            this.weight = weight;
        }

        public double weight() {
            return weight;
        }
    }
}
