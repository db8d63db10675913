package dev.shortlist.jobs;

import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The caller's batches, newest first, a page at a time with the job listing's cursor. */
@ApplicationScoped
public class BatchListing {

    private final BatchRepository batches;

    BatchListing(BatchRepository batches) {
        this.batches = batches;
    }

    public Uni<Listing<Batch>> list(Caller caller, BatchFilter filter, JobCursor after, int limit) {
        return batches.list(caller.owner(), filter, after, limit + 1)
                .map(read -> Listing.of(read, limit, batch -> new JobCursor(batch.createdAt(), batch.id())));
    }
}
