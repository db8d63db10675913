package dev.shortlist.bench;

import dev.shortlist.documents.TextNormalizer;
import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.llm.local.ParsedResume;
import dev.shortlist.llm.local.ScoreReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Ranking quality across 24 fields: every resume PDF of ../shared/data/resumes/livecareer-dev
 * (the folder is its field) ranked against one job description per field
 * (bench/eval/job-descriptions/livecareer, written from O*NET role definitions). Prints
 * precision@10 and nDCG@10 per field and overall for the local engine and for TF-IDF and BM25
 * over the same texts, then one {@code EVAL key value} line per gated figure.
 *
 * <p>This in-process run extracts text as the service does (PDFBox, then the service's
 * normaliser) and calls the engine directly; {@link LivecareerApiEval} does the same through
 * the HTTP API. With {@code -Deval.dump=file.csv} it writes each pair's components.
 */
public final class LivecareerEval {

    private LivecareerEval() {
    }

    /** One resume of the split. */
    record Resume(String field, String id, String text) {
    }

    public static void main(String[] args) throws Exception {
        Path jds = Path.of(args.length > 0 ? args[0] : "bench/eval/job-descriptions/livecareer");
        Path pdfs = Path.of(args.length > 1 ? args[1] : "../shared/data/resumes/livecareer-dev");
        List<Resume> resumes = extract(pdfs);
        List<EvalJobDescriptions.Posting> postings = EvalJobDescriptions.load(jds);
        LocalScorer scorer = LocalScorer.withDefaults();
        List<ParsedResume> parsed = resumes.stream().map(r -> scorer.read(r.text(), LocalScorer.REFERENCE_MONTH)).toList();
        try (PrintWriter out = ComponentDump.open()) {
            Report report = new Report("livecareer", resumes.stream().map(Resume::text).toList());
            for (EvalJobDescriptions.Posting posting : postings) {
                LocalScorer.Job job = scorer.job(posting.text());
                double[] scores = new double[resumes.size()];
                for (int i = 0; i < resumes.size(); i++) {
                    ScoreReport result = scorer.score(parsed.get(i), job);
                    scores[i] = result.score();
                    ComponentDump.row(out, posting.category(), resumes.get(i).field(), resumes.get(i).id(), result);
                }
                report.add(posting, scores, resumes.stream().map(r -> r.field().equals(posting.category())).toList());
            }
            report.print();
        }
    }

    static List<Resume> extract(Path root) throws IOException {
        List<Resume> resumes = new ArrayList<>();
        try (var fields = Files.list(root)) {
            for (Path field : fields.filter(Files::isDirectory).sorted().toList()) {
                try (var files = Files.list(field)) {
                    for (Path pdf : files.filter(f -> f.toString().endsWith(".pdf")).sorted().toList()) {
                        try (var document = Loader.loadPDF(pdf.toFile())) {
                            String text = TextNormalizer.normalize(new PDFTextStripper().getText(document));
                            resumes.add(new Resume(field.getFileName().toString(), pdf.getFileName().toString(), text));
                        }
                    }
                }
            }
        }
        return resumes;
    }

    /** Per-field and overall figures of the engine beside the two baselines. */
    static final class Report {

        private final String set;
        private final Baselines baselines;
        private final List<String> lines = new ArrayList<>();
        private double engineP;
        private double engineNdcg;
        private double tfidfP;
        private double tfidfNdcg;
        private double bm25P;
        private double bm25Ndcg;
        private int postings;

        Report(String set, List<String> pool) {
            this.set = set;
            this.baselines = new Baselines(pool);
        }

        void add(EvalJobDescriptions.Posting posting, double[] engineScores, List<Boolean> relevantList) {
            boolean[] relevant = new boolean[relevantList.size()];
            for (int i = 0; i < relevant.length; i++) {
                relevant[i] = relevantList.get(i);
            }
            RankingMetrics.Figures engine = RankingMetrics.of(engineScores, relevant);
            RankingMetrics.Figures tfidf = RankingMetrics.of(baselines.tfidf(posting.text()), relevant);
            RankingMetrics.Figures bm25 = RankingMetrics.of(baselines.bm25(posting.text()), relevant);
            engineP += engine.precision();
            engineNdcg += engine.ndcg();
            tfidfP += tfidf.precision();
            tfidfNdcg += tfidf.ndcg();
            bm25P += bm25.precision();
            bm25Ndcg += bm25.ndcg();
            postings++;
            lines.add(String.format(Locale.ROOT, "%-24s %6.2f %7.2f   %6.2f %7.2f   %6.2f %7.2f", posting.category(),
                    engine.precision(), engine.ndcg(), tfidf.precision(), tfidf.ndcg(), bm25.precision(), bm25.ndcg()));
        }

        void print() {
            System.out.printf(Locale.ROOT, "%-24s %15s   %15s   %15s%n", "", "local engine", "TF-IDF", "BM25");
            System.out.printf(Locale.ROOT, "%-24s %6s %7s   %6s %7s   %6s %7s%n", "field", "P@10", "nDCG@10", "P@10", "nDCG@10", "P@10", "nDCG@10");
            lines.forEach(System.out::println);
            int n = postings;
            System.out.printf(Locale.ROOT, "%-24s %6.3f %7.3f   %6.3f %7.3f   %6.3f %7.3f%n", "OVERALL (" + n + " fields)",
                    engineP / n, engineNdcg / n, tfidfP / n, tfidfNdcg / n, bm25P / n, bm25Ndcg / n);
            eval("precision_at_10", engineP / n);
            eval("ndcg_at_10", engineNdcg / n);
            eval("tfidf.precision_at_10", tfidfP / n);
            eval("bm25.precision_at_10", bm25P / n);
            eval("margin_over_tfidf", (engineP - tfidfP) / n);
        }

        private void eval(String key, double value) {
            System.out.printf(Locale.ROOT, "EVAL %s.%s %.3f%n", set, key, value);
        }
    }
}
