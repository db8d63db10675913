package dev.shortlist.pipeline;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import dev.shortlist.submit.BatchRescores;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Starts the second stage of two-stage batches: once the local engine has ranked every
 * resume of a batch that asked for it, the remote model re-scores the best few. Any
 * replica may start it; the batch row's lock lets exactly one do so.
 */
@ApplicationScoped
class BatchRescoring {

    private final BatchRescores batches;
    private final PipelineConfig config;

    BatchRescoring(BatchRescores batches, PipelineConfig config) {
        this.batches = batches;
        this.config = config;
    }

    @Scheduled(identity = "batch-rescoring", every = "${shortlist.batches.rescore-check-interval}", concurrentExecution = SKIP)
    Uni<Void> startDue() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return batches.startDue()
                .invoke(started -> {
                    if (started > 0) {
                        Log.infof("Re-scoring began for %d batches", started);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("Could not start re-scoring, will retry: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
