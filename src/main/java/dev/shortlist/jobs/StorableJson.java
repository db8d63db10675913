package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.problem.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * Finds what a request's JSON must not hold anywhere, even inside free-form objects:
 * control characters other than tab and line breaks (no resume needs them, PostgreSQL
 * cannot store a NUL, and some are used to hide text), lone surrogates, and numbers beyond double range
 * ({@code 1e999999}, which no JSON store keeps). Each is reported at its JSON path, e.g.
 * {@code profile.experience[0].title}.
 */
public final class StorableJson {

    private StorableJson() {
    }

    public static void check(JsonNode node, String path, List<InvalidInputException.Violation> violations) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            String problem = unstorable(node.asText());
            if (problem != null) {
                violations.add(new InvalidInputException.Violation(path, problem));
            }
        } else if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            violations.add(new InvalidInputException.Violation(path, "is not a finite number"));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (unstorable(field.getKey()) != null) {
                    violations.add(new InvalidInputException.Violation(path.isEmpty() ? "(field name)" : path,
                            "has a field name with control characters or broken Unicode"));
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

    /**
     * What makes a text unfit to keep, or null: control characters, or a lone surrogate
     * (an escape such as {@code \\ud800} that is half of a character; UTF-8 cannot hold it,
     * so it would be silently replaced, or break the systems the text goes to).
     */
    public static String unstorable(String text) {
        if (hasControl(text)) {
            return "contains control characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (a lone surrogate at position " + i + ")";
            }
        }
        return null;
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
