package dev.shortlist.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Evidence must be the resume's own words. A quote counts when it appears in the resume
 * verbatim once runs of whitespace are made one space (a trailing ellipsis marks a quote
 * cut short, and only the part before it must match; a mask such as {@code [email]} stands
 * for the personal data the model never saw); any other quote is dropped, and
 * {@code flags.droppedEvidence} says how many were.
 */
final class EvidenceQuotes {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** The masks the PII redactor puts where personal data was, e.g. [name], [email]. */
    private static final Pattern MASK = Pattern.compile("\\[[A-Za-z]+]");

    private EvidenceQuotes() {
    }

    static void dropUnsupported(ObjectNode result, String resume) {
        if (!(result.get("evidence") instanceof ArrayNode evidence)) {
            return;
        }
        String text = normalised(resume);
        ArrayNode kept = result.arrayNode();
        int dropped = 0;
        for (JsonNode item : evidence) {
            if (!item.isObject() || supported(item.path("quote").asText(""), text)) {
                kept.add(item);
            } else {
                dropped++;
            }
        }
        result.set("evidence", kept);
        if (dropped > 0) {
            result.withObjectProperty("flags").put("droppedEvidence", dropped);
        }
    }

    static boolean supported(String quote, String normalisedResume) {
        String wanted = normalised(quote);
        if (wanted.endsWith("…")) {
            wanted = wanted.substring(0, wanted.length() - 1).strip();
        } else if (wanted.endsWith("...")) {
            wanted = wanted.substring(0, wanted.length() - 3).strip();
        }
        // The unmasked parts, in order.
        int from = 0;
        boolean any = false;
        for (String part : MASK.split(wanted, -1)) {
            String piece = part.strip();
            if (piece.isEmpty()) {
                continue;
            }
            int at = normalisedResume.indexOf(piece, from);
            if (at < 0) {
                return false;
            }
            from = at + piece.length();
            any = true;
        }
        return any;
    }

    static String normalised(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
