package dev.shortlist.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.BatchRepository;
import dev.shortlist.jobs.BatchService;
import dev.shortlist.jobs.BatchWrites;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.jobs.SelfIdentified;
import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A checked batch into the store: its quotas taken, then the batch and every child in one
 * transaction; a repeat of an Idempotency-Key answered with the batch the first request created.
 */
@ApplicationScoped
class BatchAdmission {

    /**
     * A batch ready to store: the batch's own input, one child per resume, the categories candidates
     * self-identified by child (stored apart from the inputs), and the hash of the whole request.
     */
    record Prepared(UUID id, ObjectNode input, List<NewJob> children, Map<UUID, SelfIdentified> categories, String requestHash) {
    }

    private final SubmitQuotas quotas;
    private final BatchWrites writes;
    private final BatchRepository repository;
    private final BatchService batches;
    private final Announcements announcements;

    BatchAdmission(SubmitQuotas quotas, BatchWrites writes, BatchRepository repository, BatchService batches,
            Announcements announcements) {
        this.quotas = quotas;
        this.writes = writes;
        this.repository = repository;
        this.batches = batches;
        this.announcements = announcements;
    }

    Uni<SubmittedBatch> admit(Caller caller, BatchSubmission submission, Prepared batch) {
        UUID batchId = batch.id();
        List<NewJob> children = batch.children();
        String type = submission.type().wireName();
        return quotas.takeBatch(caller, type, children.size())
                .chain(charge -> writes.insertBatch(batchId, caller.owner(), submission.type(), submission.priority(), batch.input(),
                                children, submission.idempotencyKey(), batch.requestHash(), submission.rescoreTop(),
                                submission.notifyEmail(), batch.categories())
                        .onFailure().call(() -> quotas.refundBatch(charge))
                        .chain(inserted -> {
                            if (!inserted) {
                                return quotas.refundBatch(charge).chain(() -> replay(caller, submission, batch));
                            }
                            announcements.batch(batchId, caller.owner(), type, children.size());
                            return batches.find(caller.owner(), batchId).map(stored -> new SubmittedBatch(stored, true));
                        }));
    }

    /** The batch an earlier submit with this Idempotency-Key created, if the request was the same. */
    private Uni<SubmittedBatch> replay(Caller caller, BatchSubmission submission, Prepared attempted) {
        return repository.findByIdempotencyKey(caller.owner(), submission.idempotencyKey()).chain(found -> {
            BatchRepository.Keyed earlier = found.orElseThrow(() -> new IllegalStateException("idempotency key conflict without a batch"));
            if (!attempted.requestHash().equals(earlier.requestHash())) {
                throw new IdempotencyConflictException(submission.idempotencyKey());
            }
            return batches.find(caller.owner(), earlier.id()).map(batch -> new SubmittedBatch(batch, false));
        });
    }
}
