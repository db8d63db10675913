package dev.shortlist.api;

import dev.shortlist.platform.problem.InvalidInputException;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The forms a job's result can be downloaded in, by {@code ?format=} name and media type. */
enum ResultFormat {
    JSON(MediaType.APPLICATION_JSON, "json", false),
    MARKDOWN("text/markdown", "md", false),
    PDF("application/pdf", "pdf", true),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", true);

    static final List<ResultFormat> ALL = List.of(values());

    private final MediaType mediaType;
    private final String extension;
    private final boolean attachment;

    ResultFormat(String mediaType, String extension, boolean attachment) {
        this.mediaType = MediaType.valueOf(mediaType);
        this.extension = extension;
        this.attachment = attachment;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String contentType() {
        return this == MARKDOWN ? mediaType + "; charset=UTF-8" : mediaType.toString();
    }

    /** Files a browser should save (PDF, DOCX) are attachments; text it can show is inline. */
    String contentDisposition(Object jobId) {
        return (attachment ? "attachment" : "inline") + "; filename=\"" + jobId + "." + extension + "\"";
    }

    /**
     * {@code ?format=} wins over {@code Accept}. Without either, or with only wildcards,
     * the answer is JSON; otherwise the caller's most preferred type that we offer.
     */
    static ResultFormat negotiate(String format, Supplier<List<MediaType>> accept) {
        if (format != null) {
            return Arrays.stream(values())
                    .filter(candidate -> candidate.wireName().equals(format.strip().toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new ResultFormatNotAcceptableException("format", "'" + format + "' is not one of " + names(ALL), ALL));
        }
        List<MediaType> acceptable;
        try {
            acceptable = accept.get(); // parsed only when no format is given, so ?format= rescues a bad header
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Accept", "is not a list of media types");
        }
        if (acceptable.isEmpty()) {
            return JSON;
        }
        for (MediaType wanted : acceptable) {
            if ("0".equals(wanted.getParameters().get("q"))) {
                continue;
            }
            Optional<ResultFormat> offered = Arrays.stream(values()).filter(candidate -> wanted.isCompatible(candidate.mediaType)).findFirst();
            if (offered.isPresent()) {
                return offered.get();
            }
        }
        throw new ResultFormatNotAcceptableException("Accept", "names no type offered", ALL);
    }

    static String names(List<ResultFormat> formats) {
        return String.join(", ", formats.stream().map(ResultFormat::wireName).toList());
    }

    static String mediaTypes(List<ResultFormat> formats) {
        return String.join(", ", formats.stream().map(candidate -> candidate.mediaType.toString()).toList());
    }
}
