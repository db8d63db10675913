package dev.shortlist.bench;

import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.support.Counterfactuals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Counterfactual bench on real resumes: each resume of the 24-field dev split
 * ({@code ../shared/data/resumes/livecareer-dev}) is given the same header line under the
 * four names of the best-known resume audit study, then she/he/they in one sentence under
 * the header, then three graduation years, and scored by the local engine against the
 * accountant, chef and teacher postings of bench/eval/job-descriptions/livecareer. Prints,
 * per swap, how many resume-posting pairs moved, the largest change, and the mean score of
 * each version per posting; one {@code FAIRNESS key value} line per figure.
 */
public final class FairnessBench {

    private static final List<String> POSTINGS = List.of("ACCOUNTANT", "CHEF", "TEACHER");

    private FairnessBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jds = Path.of(args.length > 0 ? args[0] : "bench/eval/job-descriptions/livecareer");
        Path pdfs = Path.of(args.length > 1 ? args[1] : "../shared/data/resumes/livecareer-dev");
        List<LivecareerEval.Resume> resumes = LivecareerEval.extract(pdfs);
        List<EvalJobDescriptions.Posting> postings = EvalJobDescriptions.load(jds).stream()
                .filter(posting -> POSTINGS.contains(posting.category())).toList();
        LocalScorer scorer = LocalScorer.withDefaults();
        System.out.printf(Locale.ROOT, "%d resumes, %d postings (%s)%n", resumes.size(), postings.size(), POSTINGS);
        swap(scorer, resumes, postings, "names", Counterfactuals.AUDIT_NAMES,
                resume -> Counterfactuals.byName(resume, Counterfactuals.AUDIT_NAMES));
        swap(scorer, resumes, postings, "pronouns", List.of("she", "he", "they"), Counterfactuals::byPronoun);
        swap(scorer, resumes, postings, "graduation_years", List.of("1993", "2008", "2019"), Counterfactuals::byGraduationYear);
    }

    private static void swap(LocalScorer scorer, List<LivecareerEval.Resume> resumes, List<EvalJobDescriptions.Posting> postings,
            String what, List<String> labels, Function<String, List<String>> versions) {
        int pairs = 0;
        int moved = 0;
        int largest = 0;
        Map<String, double[]> sums = new LinkedHashMap<>();
        List<List<String>> texts = new ArrayList<>();
        for (LivecareerEval.Resume resume : resumes) {
            texts.add(versions.apply(resume.text()));
        }
        for (EvalJobDescriptions.Posting posting : postings) {
            LocalScorer.Job job = scorer.job(posting.text());
            double[] sum = new double[labels.size()];
            for (List<String> versionsOfOne : texts) {
                int low = Integer.MAX_VALUE;
                int high = Integer.MIN_VALUE;
                for (int v = 0; v < versionsOfOne.size(); v++) {
                    int score = scorer.score(scorer.read(versionsOfOne.get(v), LocalScorer.REFERENCE_MONTH), job).score();
                    sum[v] += score;
                    low = Math.min(low, score);
                    high = Math.max(high, score);
                }
                pairs++;
                if (high != low) {
                    moved++;
                }
                largest = Math.max(largest, high - low);
            }
            sums.put(posting.category(), sum);
        }
        System.out.printf(Locale.ROOT, "%n== %s: %d resume-posting pairs, %d moved (%.1f %%), largest change %d points%n",
                what, pairs, moved, 100.0 * moved / pairs, largest);
        sums.forEach((posting, sum) -> {
            StringBuilder line = new StringBuilder("   mean score, " + posting + ":");
            for (int v = 0; v < labels.size(); v++) {
                line.append(String.format(Locale.ROOT, " %s %.2f;", labels.get(v), sum[v] / resumes.size()));
            }
            System.out.println(line);
        });
        System.out.printf(Locale.ROOT, "FAIRNESS %s.pairs %d%nFAIRNESS %s.moved %d%nFAIRNESS %s.largest_change %d%n",
                what, pairs, what, moved, what, largest);
    }
}
