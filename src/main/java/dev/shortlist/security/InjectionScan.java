package dev.shortlist.security;

import java.util.List;

/**
 * What a scan of untrusted text found.
 *
 * @param spans   the offending spans, in text order, never overlapping
 * @param cleaned the text without them (and without invisible characters), lines kept, safe to score
 */
public record InjectionScan(List<InjectionSpan> spans, String cleaned) {

    public boolean detected() {
        return !spans.isEmpty();
    }
}
