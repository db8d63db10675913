package dev.shortlist.documents;

import dev.shortlist.platform.problem.ProblemException;

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

    static DocumentRejected duplicateName(String name) {
        return new DocumentRejected(422, "duplicate-file-name", "Unprocessable Content",
                "Another file of this upload is named '" + name + "'; names identify files in the answer and in a batch.");
    }

    static DocumentRejected unsafeName() {
        return new DocumentRejected(422, "unsafe-file-name", "Unprocessable Content",
                "The archive entry's name points outside the archive (an absolute path or '..'); it was not unpacked.");
    }

    static DocumentRejected nestedArchive() {
        return new DocumentRejected(422, "nested-archive", "Unprocessable Content",
                "Archives inside an archive are not unpacked; put every document in one zip.");
    }

    static DocumentRejected archiveBomb(String why) {
        return new DocumentRejected(422, "decompression-bomb", "Unprocessable Content",
                "The zip archive was refused: " + why + ".");
    }

    static DocumentRejected unreadableArchive(String why) {
        return new DocumentRejected(422, "corrupt-archive", "Unprocessable Content", "The zip archive " + why + ".");
    }

    /** The message is a whole sentence already. */
    @Override
    public String detail() {
        return getMessage();
    }
}
