package dev.shortlist.submit;

import dev.shortlist.jobs.Batch;

/** The outcome of a batch submit: the batch, and whether this request created it (false: an Idempotency-Key replay). */
public record SubmittedBatch(Batch batch, boolean created) {
}
