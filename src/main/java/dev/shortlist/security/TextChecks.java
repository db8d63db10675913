package dev.shortlist.security;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a text field may hold: at most the configured length, no control characters
 * (tab, line feed and carriage return are text) and no broken Unicode, which would reach
 * prompts, logs and storage otherwise.
 */
@ApplicationScoped
public class TextChecks {

    private final InputLimitsConfig config;

    TextChecks(InputLimitsConfig config) {
        this.config = config;
    }

    /** What is wrong with this text, or null when nothing is (a null text included). */
    public String problem(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > config.maxTextLength()) {
            return "must be at most " + config.maxTextLength() + " characters (it has " + text.length() + ")";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return String.format("must not contain control characters (U+%04X at position %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode (a lone surrogate at position " + i + ")";
            }
        }
        return null;
    }
}
