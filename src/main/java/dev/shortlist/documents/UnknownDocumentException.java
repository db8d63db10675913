package dev.shortlist.documents;

import dev.shortlist.problem.ProblemException;
import java.util.List;
import java.util.UUID;

/** A request names a document the caller has not uploaded (or that is someone else's). */
public class UnknownDocumentException extends ProblemException {

    private final String field;

    public UnknownDocumentException(String field, UUID id) {
        super(400, "invalid-request", "Invalid request", "no document " + id + " was uploaded by you");
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String detail() {
        return field + " " + getMessage();
    }

    @Override
    public List<FieldError> fieldErrors() {
        return List.of(new FieldError(field, getMessage()));
    }
}
