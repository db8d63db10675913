package dev.shortlist.jobs;

import java.util.UUID;

/** No job with this id is visible to the caller (it does not exist or belongs to someone else). */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(UUID id) {
        super("No job " + id);
    }
}
