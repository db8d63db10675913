package dev.shortlist.postings;

import dev.shortlist.problem.ProblemException;
import java.util.List;
import java.util.UUID;

/** A job or batch names a posting the caller does not have (never created, deleted, or someone else's). */
public class UnknownPostingException extends ProblemException {

    private final String field;

    public UnknownPostingException(String field, UUID id) {
        super(422, "unknown-posting", "Unknown posting", "no posting " + id + " is yours");
        this.field = field;
    }

    @Override
    public String detail() {
        return field + ": " + getMessage() + ".";
    }

    @Override
    public List<FieldError> fieldErrors() {
        return List.of(new FieldError(field, getMessage()));
    }
}
