package dev.shortlist.jobs;

import dev.shortlist.problem.ProblemException;
import java.util.UUID;

/** No batch with this id is visible to the caller. */
public class BatchNotFoundException extends ProblemException {

    public BatchNotFoundException(UUID id) {
        super(404, "not-found", "Not found", "No batch " + id);
    }
}
