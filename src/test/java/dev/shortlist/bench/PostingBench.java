package dev.shortlist.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.llm.local.StoredJob;
import dev.shortlist.support.Fixtures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a stored posting saves a score job, in CPU time of the scoring thread (other load on
 * the machine does not count), over the project's own fixtures: every field's job
 * description against every resume, resume embeddings warm, as in a long-running replica.
 * <ul>
 * <li>text: the job carries the job description's text, read for every job (its embeddings
 * are found in the engine's cache, by content, after the first job);
 * <li>posting, decoded: the job names a posting whose stored reading is decoded from its
 * stored form (a job whose posting is not in the decoded cache);
 * <li>posting, cached: the reading is already decoded in memory (every later job of a batch);
 * <li>reading a new posting: what a text job pays the first time a replica sees a job
 * description (its embeddings computed), and a posting pays once, at creation.
 * </ul>
 * Run by bench/postings/cpu-per-job.sh.
 */
public final class PostingBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostingBench() {
    }

    /** A job description as each path gives it to the scorer. */
    private record Posting(String text, String storedReading, byte[] embeddings, LocalScorer.Job reading) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> resumes = Fixtures.resumes().stream().map(Fixtures.Resume::text).toList();
        LocalScorer scorer = LocalScorer.withDefaults();
        List<Posting> postings = Fixtures.fields().stream().map(field -> {
            StoredJob.Form form = StoredJob.write(scorer.job(Fixtures.job(field)));
            return new Posting(Fixtures.job(field), form.reading().toString(), form.embeddings(), scorer.job(Fixtures.job(field)));
        }).toList();
        long checksum = 0;
        // Warm-up: JIT, the model, every resume's embedding; not counted.
        checksum += run(scorer, resumes, postings, 1, posting -> scorer.job(posting.text()));

        double text = perJob(scorer, resumes, postings, rounds, posting -> scorer.job(posting.text()));
        double decoded = perJob(scorer, resumes, postings, rounds, posting -> decode(posting));
        double cached = perJob(scorer, resumes, postings, rounds, Posting::reading);

        long start = THREADS.getCurrentThreadCpuTime();
        for (Posting posting : postings) {
            checksum += LocalScorer.withDefaults().job(posting.text()).itemVectors().size();
        }
        double newPosting = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / postings.size();

        System.out.printf(Locale.ROOT, "%d resumes x %d job descriptions x %d rounds per path (checksum %d)%n",
                resumes.size(), postings.size(), rounds, checksum);
        System.out.printf(Locale.ROOT, "text job description, read per job:  %.2f ms CPU per job%n", text);
        System.out.printf(Locale.ROOT, "posting, stored reading decoded:      %.2f ms CPU per job (%.2f ms less)%n", decoded, text - decoded);
        System.out.printf(Locale.ROOT, "posting, reading cached in memory:    %.2f ms CPU per job (%.2f ms less)%n", cached, text - cached);
        System.out.printf(Locale.ROOT, "reading a job description not seen before (embeddings computed): %.1f ms CPU%n", newPosting);
    }

    private static double perJob(LocalScorer scorer, List<String> resumes, List<Posting> postings, int rounds,
            Function<Posting, LocalScorer.Job> reading) {
        long start = THREADS.getCurrentThreadCpuTime();
        long checksum = run(scorer, resumes, postings, rounds, reading);
        if (checksum < 0) {
            throw new IllegalStateException("scores are never negative");
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / ((long) rounds * resumes.size() * postings.size());
    }

    /** Scores every resume against every posting, the reading of the posting made as the path makes it per job. */
    private static long run(LocalScorer scorer, List<String> resumes, List<Posting> postings, int rounds,
            Function<Posting, LocalScorer.Job> reading) {
        long checksum = 0;
        for (int round = 0; round < rounds; round++) {
            for (Posting posting : postings) {
                for (String resume : resumes) {
                    checksum += scorer.score(scorer.read(resume, LocalScorer.REFERENCE_MONTH), reading.apply(posting)).score();
                }
            }
        }
        return checksum;
    }

    private static LocalScorer.Job decode(Posting posting) {
        try {
            JsonNode stored = JSON.readTree(posting.storedReading());
            return StoredJob.read(stored, posting.embeddings());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
