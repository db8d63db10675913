package dev.shortlist.documents;

import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.platform.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Takes in many resumes at once: document parts and zip archives of them. Each file meets
 * the rules of a single upload (size, type read from the bytes, bombs, encryption, a text
 * layer) and is stored or refused on its own, so one bad file never costs the others.
 */
@ApplicationScoped
public class BulkIntake {

    private final DocumentService documents;
    private final DocumentsConfig config;
    private final BulkUnpacker unpacker;
    private final CpuPool cpu;

    BulkIntake(DocumentService documents, DocumentsConfig config, CpuPool cpu) {
        this.documents = documents;
        this.config = config;
        this.unpacker = new BulkUnpacker(config);
        this.cpu = cpu;
    }

    /**
     * One outcome per file, in the order received (an archive's entries in its order).
     * The parts' own files are the caller's to delete; the unpacked entries are deleted here.
     */
    public Uni<List<FileOutcome>> ingest(String owner, List<BulkPart> parts) {
        return cpu.run(() -> unpacked(parts))
                .chain(unpacked -> storeAll(owner, unpacked.candidates())
                        .eventually(() -> cpu.run(() -> deleteTree(unpacked.workDir()))));
    }

    private record Unpacked(Path workDir, List<BulkUnpacker.Candidate> candidates) {
    }

    private Unpacked unpacked(List<BulkPart> parts) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("shortlist-bulk-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new Unpacked(workDir, unpacker.unpack(parts, workDir));
        } catch (RuntimeException e) {
            deleteTree(workDir);
            throw e;
        }
    }

    /** A few files at a time: each is CPU work on the pool and then a write, so writes overlap extraction. */
    private Uni<List<FileOutcome>> storeAll(String owner, List<BulkUnpacker.Candidate> candidates) {
        return Multi.createFrom().range(0, candidates.size())
                .onItem().transformToUni(i -> store(owner, candidates.get(i)).map(outcome -> Map.entry(i, outcome)))
                .merge(config.bulk().concurrency())
                .collect().asList()
                .map(done -> {
                    List<FileOutcome> inOrder = new ArrayList<>(done.size());
                    done.stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                            .forEach(entry -> inOrder.add(entry.getValue()));
                    return inOrder;
                });
    }

    private Uni<FileOutcome> store(String owner, BulkUnpacker.Candidate candidate) {
        if (candidate.refusal() != null) {
            return Uni.createFrom().item(FileOutcome.refused(candidate.name(), candidate.source(), candidate.refusal()));
        }
        return documents.ingest(owner, candidate.upload())
                .map(stored -> FileOutcome.stored(candidate.name(), candidate.source(), stored))
                .onFailure(DocumentRejected.class).recoverWithItem(refusal ->
                        FileOutcome.refused(candidate.name(), candidate.source(), (ProblemException) refusal));
    }

    private static Void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }
}
