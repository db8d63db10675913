package dev.shortlist.bench;

import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.support.JobDescriptions;
import java.time.YearMonth;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local scoring cost, as a score job pays it (each resume and job description passed as text
 * every time), in CPU time so that other load on the machine does not count: cold (the
 * resume's embedding computed; process CPU, as an embedding may use threads besides the
 * caller's), warm (embedding and reading kept; CPU of the scoring thread), warm with readings
 * not kept (embeddings kept, each resume read again), and a 10,000-resume batch against a job
 * description not seen before, with warm resumes, on 2 threads. Run by bench/eval/speed.sh.
 */
public final class ScoringBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int BATCH = 10_000;
    private static final int BATCH_THREADS = 2;

    private ScoringBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> resumes = ResumeDataset.all().stream().map(ResumeDataset.Resume::text).toList();
        AtomicLong checksum = new AtomicLong();
        // Warm-up with a scorer of its own: JIT and model load, not counted; its cache is not reused.
        LocalScorer warmUp = LocalScorer.withDefaults();
        for (String resume : resumes.subList(0, 40)) {
            checksum.addAndGet(warmUp.score(resume, JobDescriptions.HR_MANAGER, LocalScorer.REFERENCE_MONTH).score());
        }

        LocalScorer scorer = LocalScorer.withDefaults();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long processCpu = PROCESS.getProcessCpuTime();
        for (String resume : resumes) {
            checksum.addAndGet(scorer.score(resume, JobDescriptions.JAVA_DEVELOPER, LocalScorer.REFERENCE_MONTH).score());
        }
        double coldThreadMs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / resumes.size();
        double coldMs = (PROCESS.getProcessCpuTime() - processCpu) / 1e6 / resumes.size();

        cpu = THREADS.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            for (String resume : resumes) {
                checksum.addAndGet(scorer.score(resume, JobDescriptions.JAVA_DEVELOPER, LocalScorer.REFERENCE_MONTH).score());
            }
        }
        double warmMs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / (rounds * resumes.size());

        // The same embeddings, but every resume read again: a pool larger than the readings kept.
        LocalScorer rereading = LocalScorer.withReadingsKept(0);
        for (String resume : resumes) {
            rereading.score(resume, JobDescriptions.JAVA_DEVELOPER, LocalScorer.REFERENCE_MONTH);
        }
        cpu = THREADS.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            for (String resume : resumes) {
                checksum.addAndGet(rereading.score(resume, JobDescriptions.JAVA_DEVELOPER, LocalScorer.REFERENCE_MONTH).score());
            }
        }
        double rereadMs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / (rounds * resumes.size());

        // A new posting (its embeddings computed once), 10,000 resumes whose embeddings are warm.
        String posting = JobDescriptions.HR_MANAGER + "\nPayroll software and HRIS experience.";
        AtomicLong batchCpu = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(BATCH_THREADS);
        long wall = System.nanoTime();
        LocalScorer.Job job = scorer.job(posting);
        List<Future<?>> parts = new java.util.ArrayList<>();
        for (int t = 0; t < BATCH_THREADS; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                long start = THREADS.getCurrentThreadCpuTime();
                for (int i = first; i < BATCH; i += BATCH_THREADS) {
                    String resume = resumes.get(i % resumes.size());
                    checksum.addAndGet(scorer.score(scorer.read(resume, LocalScorer.REFERENCE_MONTH), job).score());
                }
                batchCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - start);
            }));
        }
        for (Future<?> part : parts) {
            part.get();
        }
        double wallSeconds = (System.nanoTime() - wall) / 1e9;
        pool.shutdown();

        System.out.printf(Locale.ROOT, "cold (embedding computed): %.1f ms process CPU per resume = %.1f resumes/s per core (%.1f ms on the scoring thread)%n",
                coldMs, 1000 / coldMs, coldThreadMs);
        System.out.printf(Locale.ROOT, "warm (embedding and reading kept): %.3f ms CPU per resume = %.0f resumes/s per core%n", warmMs, 1000 / warmMs);
        System.out.printf(Locale.ROOT, "warm, resume read again (embedding kept): %.3f ms CPU per resume = %.0f resumes/s per core%n", rereadMs, 1000 / rereadMs);
        System.out.printf(Locale.ROOT, "batch of %,d against a new posting, warm embeddings, %d threads: %.1f s CPU (%.1f s on %d cores), %.1f s wall here%n",
                BATCH, BATCH_THREADS, batchCpu.get() / 1e9, batchCpu.get() / 1e9 / BATCH_THREADS, BATCH_THREADS, wallSeconds);
        System.out.printf(Locale.ROOT, "(%d distinct resumes, average %.0f chars; checksum %d)%n", resumes.size(),
                resumes.stream().mapToInt(String::length).average().orElse(0), checksum.get());
        System.out.printf(Locale.ROOT, "EVAL speed.cold_resumes_per_core_second %.1f%n", 1000 / coldMs);
        System.out.printf(Locale.ROOT, "EVAL speed.warm_resumes_per_core_second %.0f%n", 1000 / warmMs);
    }
}
