package dev.shortlist.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.security.Redaction;
import java.util.Iterator;
import java.util.Map;
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
        for (Iterator<Map.Entry<String, JsonNode>> fields = result.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!STAMPS.contains(field.getKey())) {
                field.setValue(hidden(field.getValue(), candidate));
            }
        }
        ObjectNode flags = result.withObjectProperty("flags");
        flags.put("blind", true);
        if (!result.has("redactions") && !candidate.isEmpty()) {
            ObjectNode redactions = result.putObject("redactions");
            candidate.masked().forEach(redactions::put);
        }
    }

    private static JsonNode hidden(JsonNode node, Redaction candidate) {
        if (node.isTextual()) {
            String text = node.textValue();
            String masked = candidate.hide(text);
            return masked.equals(text) ? node : com.fasterxml.jackson.databind.node.TextNode.valueOf(masked);
        }
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> field.setValue(hidden(field.getValue(), candidate)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, hidden(array.get(i), candidate));
            }
        }
        return node;
    }
}
