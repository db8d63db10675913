package dev.shortlist.security;

/**
 * A piece of untrusted text that tries to instruct the model or the scorer.
 *
 * @param start   offset of the first character in the original text
 * @param end     offset after the last character
 * @param kind    {@code override}, {@code score_manipulation}, {@code role_play}, {@code system_marker},
 *                {@code foreign_language}, {@code invisible_characters}, {@code keyword_stuffing} or {@code hidden_text}
 * @param excerpt the span as a reader can see it, shortened, invisible characters shown as escapes
 */
public record InjectionSpan(int start, int end, String kind, String excerpt) {
}
