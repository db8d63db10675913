package dev.shortlist.postings;

import dev.shortlist.problem.ProblemException;
import java.util.UUID;

/** No posting with this id is visible to the caller (it does not exist or belongs to someone else). */
public class PostingNotFoundException extends ProblemException {

    public PostingNotFoundException(UUID id) {
        super(404, "not-found", "Not found", "No posting " + id);
    }
}
