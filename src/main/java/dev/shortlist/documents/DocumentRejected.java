package dev.shortlist.documents;

import dev.shortlist.problem.ProblemException;

/**
 * An upload the service will not keep, and why, in words the uploader can act on.
 * {@code status} is the HTTP status it answers with (413, 415 or 422).
 */
public class DocumentRejected extends ProblemException {

    private DocumentRejected(int status, String code, String title, String message) {
        super(status, code, title, message);
    }

    static DocumentRejected tooLarge(long limitBytes) {
        return new DocumentRejected(413, "document-too-large", "Request Entity Too Large",
                "The file is larger than the " + (limitBytes / (1024 * 1024)) + " MB limit.");
    }

    static DocumentRejected unsupported(String message) {
        return new DocumentRejected(415, "unsupported-document-type", "Unsupported Media Type", message);
    }

    static DocumentRejected unreadable(String code, String message) {
        return new DocumentRejected(422, code, "Unprocessable Content", message);
    }

    /** The message is a whole sentence already. */
    @Override
    public String detail() {
        return getMessage();
    }
}
