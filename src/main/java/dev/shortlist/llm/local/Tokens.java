package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-case word tokens the way skills are written: letters and digits,
 * plus the {@code + # .} that C++, C# and Node.js need. Everything else separates words,
 * so "CI/CD" is "ci cd" both in the vocabulary and in the text.
 */
final class Tokens {

    private Tokens() {
    }

    /** A token and where it sits in its text, for marking up the text itself. */
    record Span(String token, int start, int end) {
    }

    /** The tokens of {@link #of}, each with its offsets in the text. */
    static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean word = i < lower.length() && isWordChar(lower.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                List<String> token = of(lower.substring(start, i));
                if (!token.isEmpty()) {
                    int end = i;
                    while (end > start && lower.charAt(end - 1) == '.') {
                        end--;
                    }
                    spans.add(new Span(token.get(0), start, end));
                }
                start = -1;
            }
        }
        return spans;
    }

    static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (isWordChar(c)) {
                current.append(c);
            } else {
                flush(current, tokens);
            }
        }
        flush(current, tokens);
        return tokens;
    }

    /**
     * Folds a plural to its singular ("grievances" → "grievance", "apis" → "api") so
     * that vocabulary and text meet whichever number they use. Short words and "-ss"
     * words are left alone ("aws", "sass", "business").
     */
    private static String singular(String token) {
        int n = token.length();
        if (n > 4 && token.charAt(n - 1) == 's' && token.charAt(n - 2) != 's' && token.charAt(n - 2) != 'u') {
            return token.substring(0, n - 1);
        }
        return token;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '#' || c == '.';
    }

    /** Drops sentence dots ("Java." is "java") but keeps a leading one (".net"). */
    private static void flush(StringBuilder current, List<String> tokens) {
        int end = current.length();
        while (end > 0 && current.charAt(end - 1) == '.') {
            end--;
        }
        int start = 0;
        while (start < end - 1 && current.charAt(start) == '.' && current.charAt(start + 1) == '.') {
            start++;
        }
        if (end - start > 0 && !(end - start == 1 && current.charAt(start) == '.')) {
            tokens.add(singular(current.substring(start, end)));
        }
        current.setLength(0);
    }
}
