package dev.shortlist.llm.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Document frequencies for BM25, from a prior the project ships: short role descriptions of
 * about a hundred occupations in every field, written for Shortlist
 * ({@code local-engine/role-corpus.txt}). Words most roles share (manage, customer, team) weigh
 * little; words of one field (ledger, sous, airframe) much; words no role uses, the most.
 *
 * <p>Fixed on purpose: learning frequencies from the resumes the service sees would make a
 * score depend on what was scored before it, and the same input must score the same.
 */
final class TermStatistics {

    static final String RESOURCE = "local-engine/role-corpus.txt";

    private static final TermStatistics PRIOR = load();

    private final int documents;
    private final Map<String, Integer> frequencies;

    private TermStatistics(int documents, Map<String, Integer> frequencies) {
        this.documents = documents;
        this.frequencies = frequencies;
    }

    static TermStatistics prior() {
        return PRIOR;
    }

    /** BM25's inverse document frequency of a stem or a stem pair ("sous chef" is "sous_chef"). */
    double idf(String term) {
        int df = frequencies.getOrDefault(term, 0);
        return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
    }

    /** The stems and adjacent stem pairs of one line: the terms BM25 counts. */
    static List<String> terms(List<String> tokens) {
        List<String> terms = new java.util.ArrayList<>();
        String previous = null;
        for (String token : tokens) {
            if (!TextRelevance.meaningful(token)) {
                previous = null;
                continue;
            }
            String stem = TextRelevance.stem(token);
            terms.add(stem);
            if (previous != null) {
                terms.add(previous + "_" + stem);
            }
            previous = stem;
        }
        return terms;
    }

    private static TermStatistics load() {
        InputStream in = TermStatistics.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        Map<String, Integer> frequencies = new HashMap<>();
        int documents = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                documents++;
                Set<String> seen = new HashSet<>(terms(Tokens.of(line)));
                seen.forEach(term -> frequencies.merge(term, 1, Integer::sum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TermStatistics(documents, Map.copyOf(frequencies));
    }
}
