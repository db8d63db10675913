package dev.shortlist.documents;

import dev.shortlist.jobs.JobCursor;
import dev.shortlist.jobs.Listing;
import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.platform.problem.NotFoundException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes in uploaded resumes: checks what the bytes really are, extracts and normalises
 * the text on a bounded pool (parsing is CPU- and memory-heavy, so only a few run at
 * once), and stores one document per distinct file per owner.
 */
@ApplicationScoped
public class DocumentService {

    private static final int COPY_BUFFER = 64 * 1024;

    private final DocumentRepository documents;
    private final DocumentsConfig config;
    private final TypeSniffer sniffer;
    private final TextExtractor extractor;
    private final CpuPool cpu;

    DocumentService(DocumentRepository documents, DocumentsConfig config, CpuPool cpu) {
        this.documents = documents;
        this.config = config;
        this.sniffer = new TypeSniffer(config);
        this.extractor = new TextExtractor(config);
        this.cpu = cpu;
    }

    /**
     * Copies a streamed request body to a temporary file, never holding all of it in
     * memory, and stops at the size limit. Blocking: call it from a worker thread.
     */
    public Path spool(InputStream body) {
        return spool(body, config.maxSize().asLongValue());
    }

    /** As {@link #spool(InputStream)}, for a zip of many documents sent as the whole body. */
    public Path spoolArchive(InputStream body) {
        return spool(body, config.bulk().maxArchiveSize().asLongValue());
    }

    private static Path spool(InputStream body, long limit) {
        try {
            Path file = Files.createTempFile("shortlist-upload-", ".bin");
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[COPY_BUFFER];
                long total = 0;
                int read;
                while ((read = body.read(buffer)) != -1) {
                    total += read;
                    if (total > limit) {
                        throw DocumentRejected.tooLarge(limit);
                    }
                    out.write(buffer, 0, read);
                }
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the upload's text as a document of the caller's; the temporary file is the caller's to delete. */
    public Uni<Stored> ingest(String owner, Upload upload) {
        return cpu.run(() -> inspect(upload))
                .chain(inspected -> documents.findByHash(owner, inspected.sha256())
                        .chain(existing -> existing.isPresent()
                                ? Uni.createFrom().item(new Stored(existing.get(), false))
                                : extractAndStore(owner, upload, inspected)));
    }

    /** The owner's documents, newest first, a page at a time with the job listing's cursor; metadata only. */
    public Uni<Listing<Document>> list(String owner, DocumentFilter filter, JobCursor after, int limit) {
        return documents.list(owner, filter, after, limit + 1)
                .map(read -> Listing.of(read, limit, document -> new JobCursor(document.createdAt(), document.id())));
    }

    public Uni<Document> find(String owner, UUID id) {
        return documents.findOwned(id, owner)
                .map(found -> found.orElseThrow(() -> new NotFoundException("document", id)));
    }

    /**
     * The texts of many of the caller's documents in one query (a batch names thousands).
     * Ids the caller has no document for are absent from the map.
     */
    public Uni<java.util.Map<UUID, String>> textsOf(String owner, java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(java.util.Map.of()) : documents.textsOwned(owner, ids);
    }

    private record Inspected(long size, String sha256, MediaKind kind) {
    }

    private Inspected inspect(Upload upload) {
        try {
            long size = Files.size(upload.file());
            if (size > config.maxSize().asLongValue()) {
                throw DocumentRejected.tooLarge(config.maxSize().asLongValue());
            }
            Optional<MediaKind> declared = MediaKind.ofMediaType(upload.declaredType())
                    .or(() -> MediaKind.ofFileName(upload.fileName()));
            MediaKind kind = sniffer.sniff(upload.file(), declared.orElse(null));
            declared.ifPresent(claim -> {
                if (claim != kind && !(claim.isText() && kind.isText())) {
                    throw DocumentRejected.unsupported(
                            "The file is " + kind.label() + " but was sent as " + claim.label() + ".");
                }
            });
            return new Inspected(size, sha256(upload.file()), kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Uni<Stored> extractAndStore(String owner, Upload upload, Inspected inspected) {
        return cpu.run(() -> extractor.extract(upload.file(), inspected.kind()))
                .map(extraction -> {
                    String text = TextNormalizer.normalize(extraction.text());
                    if (text.isBlank()) {
                        throw noText(inspected.kind(), extraction);
                    }
                    if (text.length() > config.maxChars()) {
                        text = text.substring(0, config.maxChars());
                    }
                    return new Document(UUID.randomUUID(), owner, inspected.sha256(), inspected.kind().mediaType(),
                            safeFileName(upload.fileName()), inspected.size(), extraction.pages(),
                            text.length(), text, null, extraction.ocr());
                })
                .chain(documents::insertOrGet)
                .invoke(stored -> Log.debugf("Document %s stored for %s (%s, %d chars)", stored.document().id(),
                        owner, stored.document().mediaType(), stored.document().characters()));
    }

    /** Why a document has no text: for a PDF or an image, what OCR made of it. */
    private static DocumentRejected noText(MediaKind kind, TextExtractor.Extraction extraction) {
        String why;
        if (extraction.ocrUnavailable() != null) {
            why = " Its scanned pages or images could not be read: " + extraction.ocrUnavailable() + ". Upload a file with a text layer.";
        } else if (kind == MediaKind.PDF || kind.isImage()) {
            why = " Scanned pages and images are read by OCR, and none of its words could be read; upload a clearer scan or a file with a text layer.";
        } else {
            why = "";
        }
        return DocumentRejected.unreadable("no-extractable-text", "The document has no extractable text." + why);
    }

    /** Keeps only the last path segment of a client's file name, and not too much of it. */
    private static String safeFileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
