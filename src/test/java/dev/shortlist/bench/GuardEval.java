package dev.shortlist.bench;

import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.security.InjectionScan;
import dev.shortlist.security.PiiRedactor;
import dev.shortlist.security.PromptInjectionGuard;
import dev.shortlist.support.JobDescriptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * The untrusted-text defences on public data: prompt-injection detection rate and score
 * change over {@link InjectionCorpus}, false positives over the clean resumes, and recall
 * of emails and phone numbers by the PII redactor. The gated figures are printed as
 * {@code EVAL <key> <value>} lines for bench/eval/gate.sh. Run by bench/eval/run.sh.
 */
public final class GuardEval {

    /**
     * The truth for PII recall comes from a deliberately liberal finder, independent of the
     * redactor: any token with an '@' and a dot after it, any run of 10–15 digits allowing
     * spaces, dashes, dots, parentheses and a leading '+'. Runs made only of four-digit years
     * ("2012 - 2016 2017 2018") are dropped from the truth: they are dates, not phones.
     */
    private static final Pattern ANY_EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Pattern ANY_PHONE = Pattern.compile("\\+?[\\d(][\\d \\t().-]{8,}\\d");

    private GuardEval() {
    }

    public static void main(String[] args) throws Exception {
        List<String> resumes = ResumeDataset.all().stream().map(ResumeDataset.Resume::text).toList();
        injection(resumes);
        pii(resumes, ResumeDataset.dataDir().resolve("files"));
    }

    private static void injection(List<String> resumes) {
        PromptInjectionGuard guard = new PromptInjectionGuard();
        LocalScorer scorer = LocalScorer.withDefaults();
        YearMonth month = YearMonth.of(2026, 1);
        List<InjectionCorpus.Variant> corpus = InjectionCorpus.build(resumes);
        int detected = 0;
        int raised = 0;
        int raisedUnguarded = 0;
        double change = 0;
        List<String> missed = new ArrayList<>();
        for (InjectionCorpus.Variant variant : corpus) {
            InjectionScan scan = guard.scan(variant.injected());
            if (scan.detected()) {
                detected++;
            } else {
                missed.add(variant.name());
            }
            // What the engine scores is what the guard lets through, as in a score job.
            String scored = scan.detected() ? scan.cleaned() : variant.injected();
            int before = scorer.score(variant.original(), JobDescriptions.JAVA_DEVELOPER, month).score();
            int after = scorer.score(scored, JobDescriptions.JAVA_DEVELOPER, month).score();
            change += after - before;
            if (scorer.score(variant.injected(), JobDescriptions.JAVA_DEVELOPER, month).score() > before) {
                raisedUnguarded++;
            }
            if (after > before) {
                raised++;
            }
        }
        int falsePositives = (int) resumes.stream().filter(r -> guard.scan(r).detected()).count();
        System.out.printf(Locale.ROOT, "Injection: %d variants on real resumes, %d detected (%.1f%%), missed %s%n",
                corpus.size(), detected, 100.0 * detected / corpus.size(), missed);
        System.out.printf(Locale.ROOT, "Injection: score raised in %d of %d, mean change %+.2f points (Java job, local engine);"
                + " without the guard %d would have been raised%n", raised, corpus.size(), change / corpus.size(), raisedUnguarded);
        System.out.printf(Locale.ROOT, "Injection: false positives on the %d clean resumes: %d%n", resumes.size(), falsePositives);
        System.out.printf(Locale.ROOT, "EVAL guard.injections_detected_pct %.2f%n", 100.0 * detected / corpus.size());
        System.out.printf(Locale.ROOT, "EVAL guard.scores_raised %d%n", raised);
        System.out.printf(Locale.ROOT, "EVAL guard.clean_flagged %d%n", falsePositives);
    }

    private static void pii(List<String> resumes, Path files) throws Exception {
        PiiRedactor redactor = new PiiRedactor();
        List<String> texts = new ArrayList<>(resumes);
        try (var listing = Files.list(files)) {
            for (Path file : listing.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".pdf")) {
                    try (var pdf = Loader.loadPDF(file.toFile())) {
                        texts.add(new PDFTextStripper().getText(pdf));
                    }
                } else if (name.endsWith(".docx")) {
                    try (InputStream in = Files.newInputStream(file); var docx = new XWPFDocument(in);
                            var extractor = new XWPFWordExtractor(docx)) {
                        texts.add(extractor.getText());
                    }
                }
            }
        }
        int[] emails = new int[2];
        int[] phones = new int[2];
        List<String> missed = new ArrayList<>();
        for (String text : texts) {
            String redacted = redactor.redact(text).text();
            count(ANY_EMAIL.matcher(text), redacted, emails, missed, false);
            count(ANY_PHONE.matcher(text), redacted, phones, missed, true);
        }
        System.out.printf(Locale.ROOT, "PII: %d texts (%d public resumes, %d resume documents)%n", texts.size(), resumes.size(),
                texts.size() - resumes.size());
        System.out.printf(Locale.ROOT, "PII: emails masked %d of %d, phone numbers masked %d of %d, recall %.1f%%; missed %d%n",
                emails[0], emails[1], phones[0], phones[1], 100.0 * (emails[0] + phones[0]) / Math.max(1, emails[1] + phones[1]),
                missed.size());
        System.out.printf(Locale.ROOT, "EVAL guard.pii_masked_pct %.2f%n",
                100.0 * (emails[0] + phones[0]) / Math.max(1, emails[1] + phones[1]));
    }

    private static void count(Matcher truth, String redacted, int[] tally, List<String> missed, boolean phone) {
        while (truth.find()) {
            String item = truth.group().replaceAll("[.,;:)]+$", "");
            if (phone) {
                String digits = item.replaceAll("\\D", "");
                if (digits.length() < 10 || digits.length() > 15 || item.matches("[\\d\\s./()-]*") && onlyYears(item)) {
                    continue;
                }
            }
            tally[1]++;
            if (redacted.contains(item)) {
                missed.add(item.length() > 4 ? item.substring(0, 4) + "…" : item);
            } else {
                tally[0]++;
            }
        }
    }

    private static boolean onlyYears(String item) {
        for (String group : item.split("\\D+")) {
            if (!group.isEmpty() && !(group.length() == 4 && (group.startsWith("19") || group.startsWith("20")))) {
                return false;
            }
        }
        return true;
    }
}
