package dev.shortlist.jobs;

/**
 * When a batch has ended, said once for every statement that asks: the re-scoring stage,
 * the completion webhook and the completion email. Each takes the alias its statement
 * gives the {@code batches} row.
 */
public final class BatchEnd {

    private BatchEnd() {
    }

    /** SQL: no child job of the batch {@code batch} is queued or running. */
    public static String nothingLeftToRun(String batch) {
        return "NOT EXISTS (SELECT 1 FROM jobs j WHERE j.batch_id = " + batch + ".id AND j.status IN ('queued', 'running'))";
    }

    /**
     * SQL: the batch {@code batch} has ended: nothing is left to run, and a two-stage batch's
     * re-scoring stage has begun (its jobs then ran too).
     */
    public static String ended(String batch) {
        return nothingLeftToRun(batch) + " AND (" + batch + ".rescore_top IS NULL OR " + batch + ".rescore_started_at IS NOT NULL)";
    }
}
