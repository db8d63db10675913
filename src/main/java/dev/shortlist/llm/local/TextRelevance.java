package dev.shortlist.llm.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much a resume speaks the job description's language, BM25-style: each of the
 * posting's terms counts with diminishing returns for repeats (k1) and a discount for long
 * resumes (b). A single pair has no corpus for inverse document frequency, so generic
 * words of resumes and postings stand in for frequent terms at a reduced weight.
 * The result is the share of the best possible score, 0–1.
 */
final class TextRelevance {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** A typical resume length in tokens, the length at which no discount applies. */
    private static final double AVERAGE_LENGTH = 450;
    private static final int QUERY_TERMS = 80;
    private static final String[] SUFFIXES = {"ation", "ition", "ment", "ing", "ers", "ies", "ed", "es", "er", "ion", "al", "e", "y", "s"};
    private static final double GENERIC_WEIGHT = 0.3;
    /** Words of every resume and posting, whatever the field: they say little about fit. */
    private static final Set<String> GENERIC = java.util.stream.Stream.of("""
            manage management manager managing develop development developer developing design designing service services system systems
            project projects process processes client clients customer customers product products report reporting reports data
            plan planning quality communicate communication solution solutions require requirement implement implementation maintain maintenance organize
            organization organisation performance perform provide providing understand understanding detail details activity activities application applications
            technical technology technologies train training lead leading leader leadership operate operation operations analysis analyze
            analyse document documentation improve improvement effective multiple prior senior junior professional industry task tasks
            related relate standard standards procedure procedures deliver delivery create creating build building test testing
            review coordinate coordination internal external stakeholder stakeholders collaborate collaboration office learn learning problem problems
            solve solving growth success successful relationship relationships tool tools program programs member members staff
            department departments execute execution handle handling achieve achievement target targets goal goals various
            """.split("\\s+")).filter(word -> !word.isEmpty()).map(TextRelevance::stem).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private TextRelevance() {
    }

    /** The posting's weighted terms: stems, each weighted by how often the posting uses it. */
    static Map<String, Double> query(Text jobDescription) {
        Map<String, Integer> counts = new HashMap<>();
        for (int line = 0; line < jobDescription.lineCount(); line++) {
            for (String token : jobDescription.tokens(line)) {
                if (meaningful(token)) {
                    counts.merge(stem(token), 1, Integer::sum);
                }
            }
        }
        Map<String, Double> weights = new HashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(QUERY_TERMS)
                .forEach(e -> weights.put(e.getKey(), (1 + Math.log(e.getValue())) * (GENERIC.contains(e.getKey()) ? GENERIC_WEIGHT : 1)));
        return weights;
    }

    static double score(Map<String, Double> query, Text resume) {
        if (query.isEmpty()) {
            return 0;
        }
        Map<String, Integer> termFrequency = new HashMap<>();
        int length = 0;
        for (int line = 0; line < resume.lineCount(); line++) {
            List<String> tokens = resume.tokens(line);
            length += tokens.size();
            for (String token : tokens) {
                String stem = stem(token);
                if (query.containsKey(stem)) {
                    termFrequency.merge(stem, 1, Integer::sum);
                }
            }
        }
        double norm = K1 * (1 - B + B * length / AVERAGE_LENGTH);
        double achieved = 0;
        double possible = 0;
        for (Map.Entry<String, Double> term : query.entrySet()) {
            int tf = termFrequency.getOrDefault(term.getKey(), 0);
            achieved += term.getValue() * tf / (tf + norm);
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
