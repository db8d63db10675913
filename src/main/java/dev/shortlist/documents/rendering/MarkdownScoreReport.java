package dev.shortlist.documents.rendering;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A score result as a report a recruiter reads: the score and recommendation, how each
 * component scored, the skills found and missing with the resume lines behind them, and
 * the summary. Everything taken from the result is escaped, so text in a resume cannot
 * restyle the report.
 */
public final class MarkdownScoreReport {

    private MarkdownScoreReport() {
    }

    public static String markdown(JsonNode result) {
        StringBuilder report = new StringBuilder("# Score report\n\n");
        List<String> headline = new ArrayList<>();
        if (result.hasNonNull("score")) {
            headline.add("**Score:** " + escape(result.get("score").asText()) + "/100");
        }
        if (result.hasNonNull("recommendation")) {
            headline.add("**Recommendation:** " + escape(capitalised(result.get("recommendation").asText())));
        }
        if (!headline.isEmpty()) {
            report.append(String.join(" \u00b7 ", headline)).append("\n\n");
        }
        components(report, result.path("components"));
        list(report, "Matched skills", result.path("matchedSkills"));
        list(report, "Missing skills", result.path("missingSkills"));
        evidence(report, result.path("evidence"));
        if (result.hasNonNull("summary") && !result.get("summary").asText().isBlank()) {
            report.append("## Summary\n\n").append(escape(result.get("summary").asText())).append("\n\n");
        }
        flags(report, result.path("flags"));
        engine(report, result);
        return report.toString().stripTrailing() + "\n";
    }

    private static void components(StringBuilder report, JsonNode components) {
        if (!components.isArray() || components.isEmpty()) {
            return;
        }
        report.append("## Components\n\n| Component | Score | Weight | Detail |\n| --- | ---: | ---: | --- |\n");
        for (JsonNode component : components) {
            report.append("| ").append(cell(component.path("name")))
                    .append(" | ").append(cell(component.path("score")))
                    .append(" | ").append(cell(component.path("weight")))
                    .append(" | ").append(cell(component.path("detail")))
                    .append(" |\n");
        }
        report.append('\n');
    }

    private static void list(StringBuilder report, String title, JsonNode items) {
        report.append("## ").append(title).append("\n\n");
        if (!items.isArray() || items.isEmpty()) {
            report.append("None.\n\n");
            return;
        }
        items.forEach(item -> report.append("- ").append(escape(textOf(item))).append('\n'));
        report.append('\n');
    }

    /** Each piece of evidence as "skill: quote"; plain strings are tolerated. */
    private static void evidence(StringBuilder report, JsonNode evidence) {
        if (!evidence.isArray() || evidence.isEmpty()) {
            return;
        }
        report.append("## Evidence\n\n");
        for (JsonNode item : evidence) {
            String quote = item.isObject() ? item.path("quote").asText("") : textOf(item);
            String skill = item.isObject() ? item.path("skill").asText("") : "";
            report.append("- ");
            if (!skill.isBlank()) {
                report.append("**").append(escape(skill)).append(":** ");
            }
            report.append('\u201c').append(escape(quote)).append("\u201d\n");
        }
        report.append('\n');
    }

    /**
     * Raised flags only, by name: {@code promptInjection: true} → "Prompt injection", a list
     * of names → "Unevidenced skills: Kafka, Docker", a list of findings → one nested item each.
     */
    private static void flags(StringBuilder report, JsonNode flags) {
        StringBuilder raised = new StringBuilder();
        if (flags.isObject()) {
            flags.properties().forEach(flag -> {
                JsonNode value = flag.getValue();
                String name = escape(humanised(flag.getKey()));
                if (value.isBoolean() && value.asBoolean()) {
                    raised.append("- ").append(name).append('\n');
                } else if (value.isValueNode() && !value.isNull() && !value.isBoolean() && !value.asText().isBlank()) {
                    raised.append("- ").append(name).append(": ").append(escape(value.asText())).append('\n');
                } else if (value.isArray() && !value.isEmpty()) {
                    raised.append("- ").append(name);
                    if (containsOnlyValues(value)) {
                        List<String> items = new ArrayList<>();
                        value.forEach(item -> items.add(item.asText()));
                        raised.append(": ").append(escape(String.join(", ", items))).append('\n');
                    } else {
                        raised.append('\n');
                        value.forEach(item -> raised.append("  - ").append(finding(item)).append('\n'));
                    }
                }
            });
        } else if (flags.isArray()) {
            flags.forEach(flag -> raised.append("- ").append(escape(textOf(flag))).append('\n'));
        }
        if (!raised.isEmpty()) {
            report.append("## Flags\n\n").append(raised).append('\n');
        }
    }

    /** A finding such as a cut injection: its kind and where, then the excerpt quoted. */
    private static String finding(JsonNode item) {
        if (!item.isObject()) {
            return escape(textOf(item));
        }
        String excerpt = item.path("excerpt").asText(item.path("quote").asText(""));
        List<String> where = new ArrayList<>();
        for (String field : List.of("kind", "field", "skill")) {
            if (item.path(field).isValueNode() && !item.path(field).asText().isBlank()) {
                where.add(item.path(field).asText());
            }
        }
        if (excerpt.isBlank()) {
            List<String> pairs = new ArrayList<>();
            item.properties().forEach(p -> pairs.add(p.getKey() + ": " + textOf(p.getValue())));
            return escape(String.join(", ", pairs));
        }
        return (where.isEmpty() ? "" : escape(String.join(" in ", where)) + ": ") + "\u201c" + escape(excerpt) + "\u201d";
    }

    private static boolean containsOnlyValues(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    /** "promptInjection" → "Prompt injection". */
    static String humanised(String key) {
        String words = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
        return capitalised(words);
    }

    private static void engine(StringBuilder report, JsonNode result) {
        List<String> made = new ArrayList<>();
        for (String field : List.of("engine", "model", "promptVersion")) {
            if (result.hasNonNull(field) && !result.get(field).asText().isBlank()) {
                made.add(result.get(field).asText());
            }
        }
        if (!made.isEmpty()) {
            report.append("---\n\n*Scored by ").append(escape(String.join(" \u00b7 ", made))).append("*\n");
        }
    }

    private static String textOf(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String cell(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : escape(textOf(value));
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** One line of literal text: Markdown's markers are escaped and line breaks flattened. */
    static String escape(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        StringBuilder out = new StringBuilder(line.length());
        if (!line.isEmpty() && "-+".indexOf(line.charAt(0)) >= 0) {
            out.append('\\'); // would start a list item or a rule
        }
        for (char c : line.toCharArray()) {
            if ("\\`*_[]<#|".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
