package dev.shortlist.security;

import java.util.Map;

/**
 * Text with its personal data masked.
 *
 * @param text   the text, each masked stretch replaced by {@code [EMAIL]}, {@code [PHONE]}, {@code [URL]},
 *               {@code [ADDRESS]} or {@code [NAME]}
 * @param masked how many of each kind were masked (kinds in lower case); never the values
 */
public record Redaction(String text, Map<String, Integer> masked) {
}
