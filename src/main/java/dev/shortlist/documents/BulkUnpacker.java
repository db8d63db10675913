package dev.shortlist.documents;

import dev.shortlist.platform.cpu.OffEventLoop;
import dev.shortlist.platform.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Turns the parts of a bulk upload into the files to store, one per document: a document
 * part as it is, a zip archive entry by entry into a work folder of our own (entries are
 * written under numbered names, never under their own, so no name can reach outside it).
 * A zip is judged by its central directory before a byte is inflated (entry count,
 * declared sizes), and the bytes actually inflated are counted too, since declared sizes
 * can lie. Blocking file work: it runs on the CPU pool.
 */
final class BulkUnpacker {

    /** A file to store, or one already refused; {@code upload} is null when refused. */
    record Candidate(String name, String source, Upload upload, ProblemException refusal) {
    }

    /** What Windows and macOS add to zips: folders' resource forks, not documents. */
    private static final String MAC_RESOURCE_FORKS = "__MACOSX/";
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");
    /** Zips without the UTF-8 flag name their entries in the DOS code page, which Java reads as IBM437. */
    private static final Charset DOS_NAMES = Charset.forName("IBM437");
    private static final int NAME_MAX_CHARS = 255;
    private static final int COPY_BUFFER = 64 * 1024;

    private final DocumentsConfig config;

    BulkUnpacker(DocumentsConfig config) {
        this.config = config;
    }

    /** The files of all parts, in order; archives' entries go to {@code workDir}. */
    List<Candidate> unpack(List<BulkPart> parts, Path workDir) {
        OffEventLoop.check("Unpacking a bulk upload");
        Unpacking unpacking = new Unpacking(workDir);
        for (BulkPart part : parts) {
            Upload upload = part.upload();
            String name = partName(part);
            boolean zip = looksLikeZip(upload.file());
            if (zip && !isWordDocument(upload.file())) {
                unpacking.expand(part.source(), name, upload.file());
            } else if (!zip && declaredZip(upload, name)) {
                unpacking.refuse(name, part.source(), DocumentRejected.unreadableArchive("is not a zip archive (its bytes are not)"));
            } else {
                unpacking.add(name, part.source(), upload);
            }
        }
        return unpacking.candidates;
    }

    private static String partName(BulkPart part) {
        String fileName = part.upload().fileName();
        if (fileName == null || fileName.isBlank()) {
            return part.source();
        }
        String base = fileName.replace('\\', '/');
        return printable(base.substring(base.lastIndexOf('/') + 1));
    }

    private static boolean declaredZip(Upload upload, String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".zip") || (upload.declaredType() != null
                && upload.declaredType().toLowerCase(Locale.ROOT).matches("application/(x-)?zip(-compressed)?(;.*)?"));
    }

    private static boolean looksLikeZip(Path file) {
        try {
            return TypeSniffer.looksLikeZip(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One upload's unpacking: the files so far, their names, and the bytes inflated against the cap. */
    private final class Unpacking {

        private final Path workDir;
        private final List<Candidate> candidates = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private long expanded;

        Unpacking(Path workDir) {
            this.workDir = workDir;
        }

        void add(String name, String source, Upload upload) {
            add(name, source, upload, null);
        }

        void refuse(String name, String source, ProblemException why) {
            add(name, source, null, why);
        }

        private void add(String name, String source, Upload upload, ProblemException refusal) {
            if (candidates.size() >= config.bulk().maxFiles()) {
                throw new BulkRejected("files", "the upload holds more than " + config.bulk().maxFiles()
                        + " files; send the rest in another request");
            }
            ProblemException why = names.add(name) ? refusal : DocumentRejected.duplicateName(name);
            candidates.add(new Candidate(name, source, why == null ? upload : null, why));
        }

        /** The archive's documents, or the archive refused as a whole (with nothing of it kept). */
        void expand(String source, String archiveName, Path archive) {
            int before = candidates.size();
            long expandedBefore = expanded;
            try {
                expandEntries(source, archive);
            } catch (DocumentRejected whole) {
                List<Candidate> ofArchive = candidates.subList(before, candidates.size());
                ofArchive.forEach(dropped -> names.remove(dropped.name()));
                ofArchive.clear();
                expanded = expandedBefore;
                refuse(archiveName, source, whole);
            }
        }

        private void expandEntries(String source, Path archive) {
            try (ZipFile zip = open(archive)) {
                List<ZipEntry> entries = checkedDirectory(zip);
                for (ZipEntry entry : entries) {
                    String name = printable(entry.getName());
                    if (isUnsafe(entry.getName())) {
                        refuse(name, source, DocumentRejected.unsafeName());
                    } else if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                        refuse(name, source, DocumentRejected.nestedArchive());
                    } else {
                        extract(zip, entry, name, source);
                    }
                }
            } catch (ZipException e) {
                throw String.valueOf(e.getMessage()).contains("encrypt")
                        ? DocumentRejected.unreadableArchive("is password-protected; upload it without a password")
                        : DocumentRejected.unreadableArchive("is damaged or truncated and could not be read");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The documents the directory lists, once its entry count and declared sizes are within the caps. */
        private List<ZipEntry> checkedDirectory(ZipFile zip) {
            List<ZipEntry> documents = new ArrayList<>();
            long declared = 0;
            int count = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++count > config.bulk().maxArchiveEntries()) {
                    throw DocumentRejected.archiveBomb("it lists more than " + config.bulk().maxArchiveEntries() + " entries");
                }
                declared += Math.max(entry.getSize(), 0);
                if (expanded + declared > expandedCap()) {
                    throw expandsTooFar();
                }
                if (!entry.isDirectory() && !entry.getName().startsWith(MAC_RESOURCE_FORKS)) {
                    documents.add(entry);
                }
            }
            return documents;
        }

        private void extract(ZipFile zip, ZipEntry entry, String name, String source) throws IOException {
            long perFile = config.maxSize().asLongValue();
            Path target = workDir.resolve("entry-" + candidates.size());
            long written = 0;
            try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[COPY_BUFFER];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    written += read;
                    expanded += read;
                    if (expanded > expandedCap()) {
                        throw expandsTooFar();
                    }
                    if (written > perFile) {
                        break;
                    }
                    out.write(buffer, 0, read);
                }
            }
            if (written > perFile) {
                Files.delete(target);
                refuse(name, source, DocumentRejected.tooLarge(perFile));
            } else if (looksLikeZip(target) && !isWordDocument(target)) {
                Files.delete(target);
                refuse(name, source, DocumentRejected.nestedArchive());
            } else {
                add(name, source, new Upload(target, null, name));
            }
        }

        private long expandedCap() {
            return config.bulk().maxExpandedSize().asLongValue();
        }

        private DocumentRejected expandsTooFar() {
            return DocumentRejected.archiveBomb("it expands beyond " + expandedCap() / (1024 * 1024) + " MB");
        }
    }

    private static ZipFile open(Path archive) throws IOException {
        try {
            return new ZipFile(archive.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException | IllegalArgumentException notUtf8) {
            // a name that is not UTF-8; if that was not the fault, the second open fails the same way
            return new ZipFile(archive.toFile(), DOS_NAMES);
        }
    }

    private static boolean isWordDocument(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return TypeSniffer.isWordPackage(zip);
        } catch (IOException | RuntimeException e) {
            return false; // a damaged zip: the type sniffer says so when it is read
        }
    }

    /** An absolute path, a drive letter or a {@code ..} step: a name written to disk as given would escape. */
    static boolean isUnsafe(String entryName) {
        String name = entryName.replace('\\', '/');
        if (name.startsWith("/") || DRIVE_LETTER.matcher(name).matches() || name.indexOf('\0') >= 0) {
            return true;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** A name safe to show and store: no control characters, not too long. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), NAME_MAX_CHARS));
        name.codePoints().limit(NAME_MAX_CHARS).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString().strip();
    }
}
