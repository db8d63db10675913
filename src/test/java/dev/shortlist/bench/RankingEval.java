package dev.shortlist.bench;

import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.llm.local.ParsedResume;
import dev.shortlist.llm.local.ScoreReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Ranking quality of the local engine: each evaluation job description ranks every
 * distinct labelled resume; a resume is relevant when its category is the posting's.
 * Prints precision@10 and nDCG@10 per category and overall, and the overall figures as
 * {@code EVAL <key> <value>} lines for bench/eval/gate.sh. Run by bench/eval/run.sh.
 *
 * <p>Some categories have fewer than 10 distinct resumes, so plain precision@10 cannot
 * reach 1 for them; the table also shows precision@R (R = min(10, relevant resumes)),
 * which can, and the ceiling of plain precision@10.
 */
public final class RankingEval {

    private static final int K = 10;

    private RankingEval() {
    }

    record Ranked(ResumeDataset.Resume resume, int score, int index) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/eval/job-descriptions");
        List<EvalJobDescriptions.Posting> postings = EvalJobDescriptions.load(dir);
        List<ResumeDataset.Resume> resumes = ResumeDataset.all();
        LocalScorer scorer = LocalScorer.withDefaults();
        YearMonth month = LocalScorer.REFERENCE_MONTH;
        List<ParsedResume> parsed = resumes.stream().map(r -> scorer.read(r.text(), month)).toList();

        PrintWriter dump = ComponentDump.open();
        System.out.printf(Locale.ROOT, "%-26s %4s %6s %6s %6s %7s  %s%n", "category", "R", "P@10", "max", "P@R", "nDCG@10", "top-3 wrong categories");
        double sumP = 0, sumCeiling = 0, sumPr = 0, sumNdcg = 0;
        for (EvalJobDescriptions.Posting posting : postings) {
            LocalScorer.Job job = scorer.job(posting.text());
            List<Ranked> ranked = new ArrayList<>();
            for (int i = 0; i < resumes.size(); i++) {
                ScoreReport report = scorer.score(parsed.get(i), job);
                ranked.add(new Ranked(resumes.get(i), report.score(), i));
                ComponentDump.row(dump, posting.category(), resumes.get(i).category(), String.valueOf(i), report);
            }
            // Stable order for ties: the dataset order, as a caller would see with equal scores.
            ranked.sort(Comparator.comparingInt(Ranked::score).reversed().thenComparingInt(Ranked::index));
            long relevant = resumes.stream().filter(r -> r.category().equals(posting.category())).count();
            int r = (int) Math.min(K, relevant);
            int hits = 0, hitsAtR = 0;
            double dcg = 0, ideal = 0;
            List<String> wrong = new ArrayList<>();
            for (int rank = 0; rank < K; rank++) {
                boolean hit = ranked.get(rank).resume().category().equals(posting.category());
                if (hit) {
                    hits++;
                    dcg += 1 / log2(rank + 2);
                    if (rank < r) {
                        hitsAtR++;
                    }
                } else if (wrong.size() < 3) {
                    wrong.add(ranked.get(rank).resume().category());
                }
                if (rank < r) {
                    ideal += 1 / log2(rank + 2);
                }
            }
            double p = hits / (double) K, ceiling = r / (double) K, pr = hitsAtR / (double) r, ndcg = dcg / ideal;
            sumP += p;
            sumCeiling += ceiling;
            sumPr += pr;
            sumNdcg += ndcg;
            System.out.printf(Locale.ROOT, "%-26s %4d %6.2f %6.2f %6.2f %7.2f  %s%n", posting.category(), relevant, p, ceiling, pr, ndcg, wrong);
        }
        int n = postings.size();
        System.out.printf(Locale.ROOT, "%-26s %4s %6.2f %6.2f %6.2f %7.2f%n", "OVERALL (" + n + " postings)", "", sumP / n, sumCeiling / n, sumPr / n, sumNdcg / n);
        System.out.printf(Locale.ROOT, "random ranking: about 1/%d = %.2f%n", postings.size(), 1.0 / postings.size());
        if (dump != null) {
            dump.close();
        }
        // Gated figures, compared with docs/evaluation.md by bench/eval/gate.sh.
        System.out.printf(Locale.ROOT, "EVAL kaggle.precision_at_r %.4f%n", sumPr / n);
        System.out.printf(Locale.ROOT, "EVAL kaggle.ndcg_at_10 %.4f%n", sumNdcg / n);
        System.out.printf(Locale.ROOT, "EVAL kaggle.precision_at_10 %.4f%n", sumP / n);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
