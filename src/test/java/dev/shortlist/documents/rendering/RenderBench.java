package dev.shortlist.documents.rendering;

import dev.shortlist.bench.ResumeDataset;
import dev.shortlist.documents.ResumeSamples;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Rendering throughput: a one-page resume and a long one (the longest of the public data
 * set, several pages), to PDF and to DOCX, in {@code threads} threads for {@code seconds}
 * each, as the result endpoint does on its pool. Run by bench/documents/rendering.sh.
 */
public final class RenderBench {

    private RenderBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        String longResume = ResumeSamples.asBullets(ResumeDataset.all().stream()
                .map(ResumeDataset.Resume::text)
                .max(Comparator.comparingInt(String::length))
                .orElseThrow());
        PdfResumeWriter pdf = new PdfResumeWriter();
        DocxResumeWriter docx = new DocxResumeWriter();
        System.out.printf("threads: %d, measured: %d s each; long resume: %d characters%n", threads, seconds, longResume.length());
        for (String name : List.of("one-page", "long")) {
            String markdown = name.equals("long") ? longResume : ResumeSamples.JANE_DOE;
            for (String format : List.of("pdf", "docx")) {
                Function<MarkdownResume, byte[]> writer = format.equals("pdf") ? pdf::write : docx::write;
                run(markdown, writer, 2, threads); // warm-up
                long[] done = run(markdown, writer, seconds, threads);
                System.out.printf("%-8s %-4s %7.1f documents/s, %6.1f KB each%n", name, format,
                        done[0] / (double) seconds, done[1] / 1024.0 / Math.max(1, done[0]));
            }
        }
    }

    private static long[] run(String markdown, Function<MarkdownResume, byte[]> writer, int seconds, int threads) throws Exception {
        AtomicLong documents = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    bytes.addAndGet(writer.apply(MarkdownResume.parse(markdown)).length);
                    documents.incrementAndGet();
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return new long[] {documents.get(), bytes.get()};
    }
}
