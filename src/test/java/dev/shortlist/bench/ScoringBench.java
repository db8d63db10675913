package dev.shortlist.bench;

import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.support.JobDescriptions;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * Local scoring throughput on one thread: every distinct public resume against one job
 * description, round after round, each resume read from its text every time as a job
 * does. Run by bench/eval/speed.sh.
 */
public final class ScoringBench {

    private ScoringBench() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> resumes = ResumeDataset.all().stream().map(ResumeDataset.Resume::text).toList();
        LocalScorer scorer = LocalScorer.withDefaults();
        YearMonth month = YearMonth.of(2026, 1);
        long checksum = 0;
        // Warm-up: let the JIT compile the hot paths before measuring.
        long warmUntil = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (String resume : resumes) {
                checksum += scorer.score(resume, JobDescriptions.JAVA_DEVELOPER, month).score();
            }
        }
        long scored = 0;
        long start = System.nanoTime();
        long until = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            for (String resume : resumes) {
                checksum += scorer.score(resume, JobDescriptions.JAVA_DEVELOPER, month).score();
                scored++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double averageChars = resumes.stream().mapToInt(String::length).average().orElse(0);
        System.out.printf(Locale.ROOT, "%d scores in %.1f s on 1 thread: %.0f resumes/s (average resume %.0f chars; checksum %d)%n",
                scored, elapsed, scored / elapsed, averageChars, checksum);
    }
}
