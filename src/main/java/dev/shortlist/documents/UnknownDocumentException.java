package dev.shortlist.documents;

import dev.shortlist.platform.problem.FieldProblem;
import java.util.UUID;

/** A request names a document the caller has not uploaded (or that is someone else's). */
public class UnknownDocumentException extends FieldProblem {

    public UnknownDocumentException(String field, UUID id) {
        super(400, "invalid-request", "Invalid request", field, "no document " + id + " was uploaded by you");
    }
}
