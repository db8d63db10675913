package dev.shortlist.documents;

import java.util.UUID;

/** No document with this id is visible to the caller. */
public class DocumentNotFoundException extends RuntimeException {

    public DocumentNotFoundException(UUID id) {
        super("No document " + id);
    }
}
