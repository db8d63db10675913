package dev.shortlist.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text and the stretches of it that say who the candidate is, as found by
 * {@link PiiRedactor}. It reads three ways: masked ({@code [name]}, {@code [email]},
 * {@code [phone]}, {@code [url]}, {@code [address]}, {@code [date]}, {@code [age]},
 * {@code [pronoun]}, {@code [honorific]}…), with those stretches set aside altogether (what
 * the local engine scores), and as the masks to lay over another text about the candidate.
 */
public final class Redaction {

    /** A stretch of the text and what it is (a kind in lower case). */
    public record Span(int start, int end, String kind) {
    }

    /** Found values shorter than this that are only digits (an age) are not looked for elsewhere: "34" is also a score. */
    private static final int SHORTEST_NUMBER_HIDDEN = 4;

    private final String original;
    private final List<Span> spans;

    private Redaction(String original, List<Span> spans) {
        this.original = original;
        this.spans = spans;
    }

    /** The hits, longest first where they overlap, a hit inside a longer one dropped. */
    static Redaction of(String text, List<Span> hits) {
        List<Span> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparingInt(span -> -span.end()));
        List<Span> kept = new ArrayList<>();
        int at = 0;
        for (Span span : sorted) {
            if (span.start() >= at && span.end() > span.start()) {
                kept.add(span);
                at = span.end();
            }
        }
        return new Redaction(text, List.copyOf(kept));
    }

    /** The text with each stretch replaced by its mask, e.g. {@code [email]}. */
    public String text() {
        return rendered(true);
    }

    /** The text with each stretch left out; line breaks stay, so lines keep their numbers. */
    public String setAside() {
        return spans.isEmpty() ? original : rendered(false);
    }

    private String rendered(boolean masks) {
        StringBuilder out = new StringBuilder(original.length());
        int at = 0;
        for (Span span : spans) {
            out.append(original, at, span.start());
            if (masks) {
                out.append('[').append(span.kind()).append(']');
            }
            String inside = original.substring(span.start(), span.end());
            out.append(inside.replaceAll("[^\\n]", ""));
            at = span.end();
        }
        return out.append(original.substring(at)).toString();
    }

    /** How many of each kind were found (kinds in lower case); never the values. */
    public Map<String, Integer> masked() {
        Map<String, Integer> counts = new TreeMap<>();
        spans.forEach(span -> counts.merge(span.kind(), 1, Integer::sum));
        return counts;
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    /**
     * Another text about the candidate (a summary, a quote of the resume) with every value
     * found here masked wherever it appears as a whole word, whatever its case.
     */
    public String hide(String other) {
        Pattern values = valuePattern();
        if (values == null || other.isEmpty()) {
            return other;
        }
        Map<String, String> kinds = kindsByValue();
        Matcher matcher = values.matcher(other);
        StringBuilder out = new StringBuilder(other.length());
        while (matcher.find()) {
            String kind = kinds.getOrDefault(matcher.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "), "name");
            matcher.appendReplacement(out, Matcher.quoteReplacement("[" + kind + "]"));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A mask {@link #hide} leaves: {@code [name]}, {@code [email]}… */
    private static final Pattern MASK = Pattern.compile("\\[([a-z]+)\\]");
    /** What a quote cut short ends with. */
    private static final String CUT = "…";

    /**
     * A text {@link #hide} masked, with what it masked put back (an admin's reveal of a blind
     * result). A quote of this text comes back as the text has it, found with each mask standing
     * for a value of its kind; any other text gets, for each mask, the first value of its kind.
     */
    public String reveal(String masked) {
        Matcher masks = MASK.matcher(masked);
        if (!masks.find()) {
            return masked;
        }
        Map<String, List<String>> values = valuesByKind();
        boolean cut = masked.endsWith(CUT);
        String quote = cut ? masked.substring(0, masked.length() - CUT.length()) : masked;
        StringBuilder pattern = new StringBuilder();
        int at = 0;
        for (masks.reset(quote); masks.find(); at = masks.end()) {
            pattern.append(Pattern.quote(quote.substring(at, masks.start())));
            List<String> kind = values.getOrDefault(masks.group(1), List.of());
            pattern.append(kind.isEmpty() ? "\\S+?" : "(?:" + String.join("|", kind.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed()).map(Redaction::loosely).toList()) + ")");
        }
        pattern.append(Pattern.quote(quote.substring(at)));
        Matcher inText = Pattern.compile(pattern.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(original);
        if (inText.find()) {
            return inText.group() + (cut ? CUT : "");
        }
        StringBuilder out = new StringBuilder(masked.length());
        for (masks.reset(masked); masks.find(); ) {
            List<String> kind = values.getOrDefault(masks.group(1), List.of());
            masks.appendReplacement(out, Matcher.quoteReplacement(kind.isEmpty() ? masks.group() : kind.get(0)));
        }
        masks.appendTail(out);
        return out.toString();
    }

    /** The values found, by kind, in the order they stand in the text. */
    private Map<String, List<String>> valuesByKind() {
        Map<String, List<String>> values = new HashMap<>();
        for (Span span : spans) {
            String value = original.substring(span.start(), span.end()).strip().replaceAll("\\s+", " ");
            List<String> kind = values.computeIfAbsent(span.kind(), ignored -> new ArrayList<>());
            if (!value.isEmpty() && !kind.contains(value)) {
                kind.add(value);
            }
        }
        return values;
    }

    /** A value as a pattern, any run of white space matching any other. */
    private static String loosely(String value) {
        return Pattern.quote(value).replace(" ", "\\E\\s+\\Q");
    }

    private volatile Pattern valuePattern;
    private volatile boolean valuePatternBuilt;

    private Pattern valuePattern() {
        if (!valuePatternBuilt) {
            List<String> values = new ArrayList<>(kindsByValue().keySet());
            values.sort(Comparator.comparingInt(String::length).reversed());
            List<String> alternatives = values.stream()
                    .map(Redaction::loosely)
                    .toList();
            valuePattern = alternatives.isEmpty() ? null : Pattern.compile(
                    "(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            valuePatternBuilt = true;
        }
        return valuePattern;
    }

    private Map<String, String> kindsByValue() {
        Map<String, String> kinds = new HashMap<>();
        for (Span span : spans) {
            String value = original.substring(span.start(), span.end()).strip().replaceAll("\\s+", " ");
            if (!value.isEmpty() && !(value.length() < SHORTEST_NUMBER_HIDDEN && value.chars().allMatch(Character::isDigit))) {
                kinds.putIfAbsent(value.toLowerCase(Locale.ROOT), span.kind());
            }
        }
        return kinds;
    }
}
