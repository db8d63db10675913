package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.security.Redaction;
import dev.shortlist.security.ResultTexts;
import java.util.Set;

/**
 * The result of a blind job ({@code options.blind}): every text in it (summary, strengths,
 * evidence quotes, flagged excerpts, a tailored resume) with who the candidate is masked,
 * {@code [name]}, {@code [email]}, {@code [phone]}, {@code [date]}…, so that no output made
 * from it (the result in any format, shortlists, notifications) names the candidate. The
 * quotes stay verbatim but for the masks.
 */
final class BlindResult {

    /** What the service stamps on a result: never the candidate's words. */
    private static final Set<String> STAMPS = Set.of("engine", "model", "promptVersion");

    private BlindResult() {
    }

    static void hide(ObjectNode result, Redaction candidate) {
        ResultTexts.rewrite(result, STAMPS, candidate::hide);
        ObjectNode flags = result.withObjectProperty("flags");
        flags.put("blind", true);
        if (!result.has("redactions") && !candidate.isEmpty()) {
            ObjectNode redactions = result.putObject("redactions");
            candidate.masked().forEach(redactions::put);
        }
    }
}
