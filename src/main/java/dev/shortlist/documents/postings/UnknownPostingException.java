package dev.shortlist.documents.postings;

import dev.shortlist.platform.problem.FieldProblem;
import java.util.UUID;

/** A job or batch names a posting the caller does not have (never created, deleted, or someone else's). */
public class UnknownPostingException extends FieldProblem {

    public UnknownPostingException(String field, UUID id) {
        super(422, "unknown-posting", "Unknown posting", field, "no posting " + id + " is yours");
    }
}
