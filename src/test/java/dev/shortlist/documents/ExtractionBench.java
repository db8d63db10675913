package dev.shortlist.documents;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Extraction throughput on the sample resumes: sniff, extract and normalise, as an
 * upload does, in {@code threads} threads for {@code seconds}. Run by bench/documents/extraction.sh.
 */
public final class ExtractionBench {

    private ExtractionBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/files");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".pdf") || f.toString().endsWith(".docx")).sorted().toList();
        }
        DocumentsConfig config = defaults();
        TypeSniffer sniffer = new TypeSniffer(config);
        TextExtractor extractor = new TextExtractor(config);

        run(files, sniffer, extractor, 3, threads); // warm-up
        AtomicLong[] result = run(files, sniffer, extractor, seconds, threads);
        double docs = result[0].get();
        System.out.printf("files: %d sample documents (%d PDF, %d DOCX) in %s%n", files.size(),
                files.stream().filter(f -> f.toString().endsWith(".pdf")).count(),
                files.stream().filter(f -> f.toString().endsWith(".docx")).count(), dir);
        System.out.printf("threads: %d, measured: %d s%n", threads, seconds);
        System.out.printf("throughput: %.1f documents/s, %.2f MB/s of files, %.0f characters/s of text%n",
                docs / seconds, result[1].get() / 1e6 / seconds, result[2].get() / (double) seconds);
    }

    private static AtomicLong[] run(List<Path> files, TypeSniffer sniffer, TextExtractor extractor, int seconds, int threads)
            throws Exception {
        AtomicLong documents = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong characters = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                for (int i = offset; System.nanoTime() < deadline; i++) {
                    Path file = files.get(i % files.size());
                    try {
                        MediaKind kind = sniffer.sniff(file, null);
                        String text = TextNormalizer.normalize(extractor.extract(file, kind).text());
                        documents.incrementAndGet();
                        bytes.addAndGet(Files.size(file));
                        characters.addAndGet(text.length());
                    } catch (Exception e) {
                        throw new IllegalStateException(file.toString(), e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return new AtomicLong[] {documents, bytes, characters};
    }

    private static DocumentsConfig defaults() {
        return new DocumentsConfig() {
            @Override
            public MemorySize maxSize() {
                return new MemorySize(BigInteger.valueOf(10L << 20));
            }

            @Override
            public int maxZipEntries() {
                return 1000;
            }

            @Override
            public MemorySize maxExpandedSize() {
                return new MemorySize(BigInteger.valueOf(100L << 20));
            }

            @Override
            public int maxPages() {
                return 50;
            }

            @Override
            public int maxChars() {
                return 200_000;
            }

            @Override
            public Bulk bulk() {
                throw new UnsupportedOperationException("extraction alone reads no bulk upload");
            }

            @Override
            public Ocr ocr() {
                return OcrSettings.defaults().off(); // the bench measures text layers: scans are not read
            }
        };
    }
}
