package dev.shortlist.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain baselines the local engine must beat, computed over the very texts it ranks:
 * TF-IDF cosine and BM25 (k1 1.2, b 0.75), both with document frequencies from the pool of
 * resumes being ranked, no stemming, no stop list beyond one-letter words.
 */
final class Baselines {

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9+#]*");

    private final List<Map<String, Integer>> counts = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private double averageLength;

    Baselines(List<String> pool) {
        for (String text : pool) {
            Map<String, Integer> tf = termCounts(text);
            counts.add(tf);
            lengths.add(tf.values().stream().mapToInt(Integer::intValue).sum());
            tf.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
        }
        averageLength = lengths.stream().mapToInt(Integer::intValue).average().orElse(1);
    }

    double[] tfidf(String query) {
        Map<String, Double> q = weights(termCounts(query));
        double qNorm = Math.sqrt(q.values().stream().mapToDouble(w -> w * w).sum());
        double[] scores = new double[counts.size()];
        for (int i = 0; i < counts.size(); i++) {
            Map<String, Double> d = weights(counts.get(i));
            double dot = 0;
            for (Map.Entry<String, Double> term : q.entrySet()) {
                dot += term.getValue() * d.getOrDefault(term.getKey(), 0.0);
            }
            double dNorm = Math.sqrt(d.values().stream().mapToDouble(w -> w * w).sum());
            scores[i] = qNorm == 0 || dNorm == 0 ? 0 : dot / (qNorm * dNorm);
        }
        return scores;
    }

    double[] bm25(String query) {
        int n = counts.size();
        double[] scores = new double[n];
        for (String term : termCounts(query).keySet()) {
            int df = documentFrequency.getOrDefault(term, 0);
            if (df == 0) {
                continue;
            }
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            for (int i = 0; i < n; i++) {
                int tf = counts.get(i).getOrDefault(term, 0);
                scores[i] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths.get(i) / averageLength));
            }
        }
        return scores;
    }

    private Map<String, Double> weights(Map<String, Integer> tf) {
        int n = counts.size();
        Map<String, Double> weights = new HashMap<>();
        tf.forEach((term, count) -> {
            int df = documentFrequency.getOrDefault(term, 0);
            if (df > 0) {
                weights.put(term, (1 + Math.log(count)) * Math.log((double) n / df));
            }
        });
        return weights;
    }

    private static Map<String, Integer> termCounts(String text) {
        Map<String, Integer> tf = new HashMap<>();
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            if (words.group().length() > 1) {
                tf.merge(words.group(), 1, Integer::sum);
            }
        }
        return tf;
    }
}
