package dev.shortlist.llm.local;

import java.util.regex.Pattern;

/**
 * Strips what every posting says whatever the job: equal-opportunity statements, benefits
 * and perks, and the company's description of itself. Left in, they make every resume that
 * mentions insurance or diversity look relevant, and they dilute the posting's embedding.
 */
final class Boilerplate {

    /** A heading whose section is about the employer, not the job. */
    private static final Pattern SECTION = Pattern.compile(
            "^[\\s\\p{Punct}•]*(about us|about the company|who we are|our company|our story|company overview|benefits"
                    + "|perks|what we offer|we offer|compensation|compensation and benefits|equal opportunity"
                    + "|eeo statement|diversity)\\b[^\\n]{0,30}$",
            Pattern.CASE_INSENSITIVE);
    /** Any heading: where a skipped section ends. */
    private static final Pattern HEADING = Pattern.compile("^[\\s\\p{Punct}•]*[\\p{L}][\\p{L} '&/-]{2,40}:?\\s*$");
    /** A line that is boilerplate wherever it stands. */
    private static final Pattern LINE = Pattern.compile(
            "(equal opportunity|equal employment|affirmative action|without regard to|regardless of (race|age|gender)"
                    + "|reasonable accommodation|e-verify|drug[- ]free|background check|member fdic|equal housing"
                    + "|401\\s*\\(?k\\)?|paid time off|\\bpto\\b|medical, dental|dental and vision|health insurance"
                    + "|tuition (assistance|reimbursement)|employee discount|competitive (salary|pay|compensation)"
                    + "|benefits (package|include)|we offer|^(we are|we're) an? |^our (company|agency|hospital|firm|team) (is|has|builds|supports)"
                    + "|^join (the|our) team|fast[- ]growing|award[- ]winning|industry[- ]leading)",
            Pattern.CASE_INSENSITIVE);

    private Boilerplate() {
    }

    /** The job description without its boilerplate lines; line breaks kept. */
    static String strip(String jobDescription) {
        StringBuilder kept = new StringBuilder();
        boolean skipping = false;
        for (String line : jobDescription.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.strip();
            boolean shortLine = trimmed.length() < 60;
            if (shortLine && SECTION.matcher(trimmed).matches()) {
                skipping = true;
                continue;
            }
            if (skipping && shortLine && HEADING.matcher(trimmed).matches()) {
                skipping = false;
            }
            if (skipping || LINE.matcher(trimmed).find()) {
                continue;
            }
            kept.append(line).append('\n');
        }
        return kept.toString().strip();
    }
}
