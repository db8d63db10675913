package dev.shortlist.jobs;

import dev.shortlist.problem.ProblemException;
import java.util.UUID;

/** No job with this id is visible to the caller (it does not exist or belongs to someone else). */
public class JobNotFoundException extends ProblemException {

    public JobNotFoundException(UUID id) {
        super(404, "not-found", "Not found", "No job " + id);
    }
}
