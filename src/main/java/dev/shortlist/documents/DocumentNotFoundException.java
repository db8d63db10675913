package dev.shortlist.documents;

import dev.shortlist.problem.ProblemException;
import java.util.UUID;

/** No document with this id is visible to the caller. */
public class DocumentNotFoundException extends ProblemException {

    public DocumentNotFoundException(UUID id) {
        super(404, "not-found", "Not found", "No document " + id);
    }
}
