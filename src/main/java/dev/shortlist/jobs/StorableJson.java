package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Finds what a request's JSON must not hold anywhere, even inside free-form objects:
 * control characters other than tab and line breaks (no resume needs them, PostgreSQL
 * cannot store a NUL, and some are used to hide text) and numbers beyond double range
 * ({@code 1e999999}, which no JSON store keeps). Each is reported at its JSON path, e.g.
 * {@code profile.experience[0].title}.
 */
final class StorableJson {

    private StorableJson() {
    }

    static void check(JsonNode node, String path, List<InvalidInputException.Violation> violations) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            if (hasControl(node.asText())) {
                violations.add(new InvalidInputException.Violation(path, "contains control characters"));
            }
        } else if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            violations.add(new InvalidInputException.Violation(path, "is not a finite number"));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (hasControl(field.getKey())) {
                    violations.add(new InvalidInputException.Violation(path.isEmpty() ? "(field name)" : path,
                            "has a field name with control characters"));
                } else {
                    check(field.getValue(), childPath, violations);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
