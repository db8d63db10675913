package dev.shortlist.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Precision@10 and nDCG@10 of one ranking: a resume is relevant when its field is the posting's. */
final class RankingMetrics {

    static final int K = 10;

    private RankingMetrics() {
    }

    record Figures(double precision, double ndcg) {
    }

    /** Ranks by score, ties in pool order; relevant[i] tells whether pool entry i is of the posting's field. */
    static Figures of(double[] scores, boolean[] relevant) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int relevantCount = 0;
        for (boolean r : relevant) {
            relevantCount += r ? 1 : 0;
        }
        int hits = 0;
        double dcg = 0;
        double ideal = 0;
        for (int rank = 0; rank < K && rank < order.size(); rank++) {
            if (relevant[order.get(rank)]) {
                hits++;
                dcg += 1 / log2(rank + 2);
            }
            if (rank < relevantCount) {
                ideal += 1 / log2(rank + 2);
            }
        }
        return new Figures(hits / (double) K, ideal == 0 ? 0 : dcg / ideal);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
