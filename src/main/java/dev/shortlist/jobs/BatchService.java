package dev.shortlist.jobs;

import dev.shortlist.platform.problem.NotFoundException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Lists, reads, follows, cancels and ranks a caller's batches (submitting them is {@code dev.shortlist.submit}'s). */
@ApplicationScoped
public class BatchService {

    private final BatchRepository batches;
    private final BatchWrites writes;
    private final BatchesConfig config;

    public BatchService(BatchRepository batches, BatchWrites writes, BatchesConfig config) {
        this.batches = batches;
        this.writes = writes;
        this.config = config;
    }

    /** The owner's batches, newest first, a page at a time with the job listing's cursor. */
    public Uni<Listing<Batch>> list(String owner, BatchFilter filter, JobCursor after, int limit) {
        return batches.list(owner, filter, after, limit + 1)
                .map(read -> Listing.of(read, limit, batch -> new JobCursor(batch.createdAt(), batch.id())));
    }

    /**
     * The batch now, then at every change of its counts, until it has ended (the last
     * item is the ended batch). It looks every {@code shortlist.batches.events-interval}:
     * one indexed count per open stream, whatever the batch's size.
     */
    public Multi<Batch> follow(String owner, UUID id) {
        return Multi.createBy().repeating().uni(() -> find(owner, id))
                .withDelay(config.eventsInterval())
                .whilst(batch -> !batch.isFinished() && batch.cancelledAt() == null)
                .skip().repetitions();
    }

    public Uni<Batch> find(String owner, UUID id) {
        return batches.findOwned(id, owner)
                .map(found -> found.orElseThrow(() -> new NotFoundException("batch", id)));
    }

    /** Cancels what has not started; returns the batch as it stands after. */
    public Uni<Batch> cancel(String owner, UUID id) {
        return writes.cancelBatch(id, owner)
                .chain(found -> {
                    if (!found) {
                        throw new NotFoundException("batch", id);
                    }
                    return find(owner, id);
                });
    }

    /** The top {@code top} resumes so far, best first (by score, or by ATS score after tailoring), and their batch. */
    public Uni<Shortlist> shortlist(String owner, UUID id, int top) {
        return find(owner, id).chain(batch -> (batch.type() == JobType.TAILOR
                ? batches.tailoredShortlist(id, top)
                : batches.shortlist(id, top)).map(items -> new Shortlist(batch, items)));
    }
}
