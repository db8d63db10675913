package dev.shortlist.llm.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much a resume speaks the job description's language, by BM25: each of the posting's
 * terms (light stems, and adjacent stem pairs so that phrases such as "sous chef" or
 * "general ledger" count as such) weighs by its inverse document frequency in the shipped
 * {@link TermStatistics} prior and counts with diminishing returns for repeats (k1) and a
 * discount for long resumes (b). The result is the share of the best possible score, 0–1.
 */
final class TextRelevance {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** A typical resume length in tokens, the length at which no discount applies. */
    private static final double AVERAGE_LENGTH = 450;
    private static final int QUERY_TERMS = 120;
    private static final String[] SUFFIXES = {"ation", "ition", "ment", "ing", "ers", "ies", "ed", "es", "er", "ion", "al", "e", "y", "s"};

    private TextRelevance() {
    }

    /** The posting's weighted terms: each weighted by its prior IDF and how often the posting uses it. */
    static Map<String, Double> query(Text jobDescription) {
        Map<String, Integer> counts = new HashMap<>();
        for (int line = 0; line < jobDescription.lineCount(); line++) {
            for (String term : TermStatistics.terms(jobDescription.tokens(line))) {
                counts.merge(term, 1, Integer::sum);
            }
        }
        TermStatistics prior = TermStatistics.prior();
        Map<String, Double> weights = new HashMap<>();
        counts.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (1 + Math.log(e.getValue())) * prior.idf(e.getKey())))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(QUERY_TERMS)
                .forEach(e -> weights.put(e.getKey(), e.getValue()));
        return weights;
    }

    static double score(Map<String, Double> query, ParsedResume resume) {
        if (query.isEmpty()) {
            return 0;
        }
        Map<String, ParsedResume.TermLines> termLines = resume.termLines();
        int length = resume.tokenCount();
        double norm = K1 * (1 - B + B * length / AVERAGE_LENGTH);
        double achieved = 0;
        double possible = 0;
        for (Map.Entry<String, Double> term : query.entrySet()) {
            ParsedResume.TermLines on = termLines.get(term.getKey());
            int tf = on == null ? 0 : on.count();
            achieved += term.getValue() * tf * (K1 + 1) / (tf + norm) / (K1 + 1);
            possible += term.getValue();
        }
        return achieved / possible;
    }

    static boolean meaningful(String token) {
        return token.length() > 2 && Character.isLetter(token.charAt(0)) && !Stopwords.contains(token);
    }

    /** A light suffix strip, enough that "developers", "developed" and "developing" meet. */
    static String stem(String token) {
        for (String suffix : SUFFIXES) {
            if (token.length() > suffix.length() + 3 && token.endsWith(suffix)) {
                return token.substring(0, token.length() - suffix.length());
            }
        }
        return token;
    }

}
