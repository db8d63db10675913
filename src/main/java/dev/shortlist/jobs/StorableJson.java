package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.platform.problem.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * Finds what a request's JSON must not hold anywhere, even inside free-form objects:
 * control characters other than the whitespace-like ones (no resume needs them, PostgreSQL
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
            String problem = unstorableText(node.asText());
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
     * What makes a name or an identifier unfit to keep, or null: any control character but
     * tab and line breaks, or a lone surrogate (an escape such as {@code \\ud800} that is half
     * of a character; UTF-8 cannot hold it, so it would be silently replaced, or break the
     * systems the text goes to).
     */
    public static String unstorable(String text) {
        if (hasControl(text)) {
            return "contains control characters";
        }
        return brokenUnicode(text);
    }

    /**
     * The same for pasted text (a resume, a job description, a posting): the whitespace-like
     * controls that {@code pdftotext} and word processors emit (form feed between pages,
     * vertical tab for a manual line break, NEL, the file, group, record and unit separators)
     * are kept, as text normalising turns them into line breaks; NUL and the other controls are
     * still refused, with the character and its position named.
     */
    public static String unstorableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && !isWhitespaceLike(c)) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + " at position " + i
                        + "); only tabs, line breaks, form feeds and the like are taken in text";
            }
        }
        return brokenUnicode(text);
    }

    /** Controls that stand for space or a line break in text: tab, LF, VT, FF, CR, FS to US, NEL. */
    public static boolean isWhitespaceLike(char c) {
        return (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F) || c == 0x85;
    }

    /**
     * The C0 controls and DEL. The C1 range (U+0080 to U+009F) is taken, as it always was: text
     * extracted from Windows-1252 documents carries it where a bullet or a dash stood, and text
     * normalising drops it.
     */
    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }

    private static String brokenUnicode(String text) {
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
