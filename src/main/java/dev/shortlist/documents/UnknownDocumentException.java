package dev.shortlist.documents;

import java.util.UUID;

/** A request names a document the caller has not uploaded (or that is someone else's). */
public class UnknownDocumentException extends RuntimeException {

    private final String field;

    public UnknownDocumentException(String field, UUID id) {
        super("no document " + id + " was uploaded by you");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
