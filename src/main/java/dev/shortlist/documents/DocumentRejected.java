package dev.shortlist.documents;

/**
 * An upload the service will not keep, and why, in words the uploader can act on.
 * {@code status} is the HTTP status it answers with (413, 415 or 422).
 */
public class DocumentRejected extends RuntimeException {

    private final int status;
    private final String code;

    DocumentRejected(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static DocumentRejected tooLarge(long limitBytes) {
        return new DocumentRejected(413, "document-too-large",
                "The file is larger than the " + (limitBytes / (1024 * 1024)) + " MB limit.");
    }

    static DocumentRejected unsupported(String message) {
        return new DocumentRejected(415, "unsupported-document-type", message);
    }

    static DocumentRejected unreadable(String code, String message) {
        return new DocumentRejected(422, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
