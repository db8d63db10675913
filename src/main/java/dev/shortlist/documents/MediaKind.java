package dev.shortlist.documents;

import java.util.Locale;
import java.util.Optional;

/** The document formats the service reads, each with its media type and usual file extensions. */
public enum MediaKind {
    PDF("application/pdf", "PDF", ".pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)", ".docx"),
    TEXT("text/plain", "plain text", ".txt"),
    MARKDOWN("text/markdown", "Markdown", ".md", ".markdown"),
    PNG("image/png", "PNG image", ".png"),
    JPEG("image/jpeg", "JPEG image", ".jpg", ".jpeg"),
    TIFF("image/tiff", "TIFF image", ".tif", ".tiff");

    private final String mediaType;
    private final String label;
    private final String[] extensions;

    MediaKind(String mediaType, String label, String... extensions) {
        this.mediaType = mediaType;
        this.label = label;
        this.extensions = extensions;
    }

    public String mediaType() {
        return mediaType;
    }

    public String label() {
        return label;
    }

    /** A scan or photo: its text is read by OCR. */
    boolean isImage() {
        return this == PNG || this == JPEG || this == TIFF;
    }

    /** Plain text and Markdown are both text: one may be declared as the other. */
    boolean isText() {
        return this == TEXT || this == MARKDOWN;
    }

    /** What a Content-Type header claims, if it names one of ours (parameters such as charset ignored). */
    static Optional<MediaKind> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (MediaKind kind : values()) {
            if (kind.mediaType.equals(bare)) {
                return Optional.of(kind);
            }
        }
        return switch (bare) {
            case "text/x-markdown" -> Optional.of(MARKDOWN);
            case "image/jpg", "image/pjpeg" -> Optional.of(JPEG);
            default -> Optional.empty();
        };
    }

    /** What a file name's extension claims, if it is one of ours. */
    static Optional<MediaKind> ofFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (MediaKind kind : values()) {
            for (String extension : kind.extensions) {
                if (lower.endsWith(extension)) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }
}
