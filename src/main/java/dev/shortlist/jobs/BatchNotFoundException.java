package dev.shortlist.jobs;

import java.util.UUID;

/** No batch with this id is visible to the caller. */
public class BatchNotFoundException extends RuntimeException {

    public BatchNotFoundException(UUID id) {
        super("No batch " + id);
    }
}
