package dev.shortlist.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Every text of a result (at any depth), rewritten in place: how a blind result is masked, and how an admin's reveal unmasks it. */
public final class ResultTexts {

    private ResultTexts() {
    }

    /** Rewrites every text under the result's fields but those named in {@code kept} (the service's stamps). */
    public static void rewrite(ObjectNode result, Set<String> kept, UnaryOperator<String> rewrite) {
        for (Map.Entry<String, JsonNode> field : result.properties()) {
            if (!kept.contains(field.getKey())) {
                field.setValue(rewritten(field.getValue(), rewrite));
            }
        }
    }

    private static JsonNode rewritten(JsonNode node, UnaryOperator<String> rewrite) {
        if (node.isTextual()) {
            String text = node.textValue();
            String changed = rewrite.apply(text);
            return changed.equals(text) ? node : TextNode.valueOf(changed);
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(rewritten(field.getValue(), rewrite)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rewritten(array.get(i), rewrite));
            }
        }
        return node;
    }
}
