package dev.shortlist.jobs;

import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.platform.problem.InvalidInputException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The adverse-impact report of a score batch, as bias audits of automated employment decision
 * tools report it: for each self-identified category (sex, race/ethnicity) and each
 * intersection, how many candidates, how many a cut selects, the selection rate and its ratio
 * to the highest rate, whether that ratio falls below four fifths, and the scoring rate (the
 * share scoring above the batch's median) with its own ratio. Reads the scores and the
 * categories (stored apart from the resumes); the figures are made by {@link ImpactReport}.
 */
@ApplicationScoped
public class AdverseImpact {

    /**
     * Each first-stage resume's final score (a re-score's when the remote model re-scored it),
     * in shortlist order, with the categories its candidate self-identified (null when none).
     */
    private static final String SCORES = """
            SELECT coalesce((r.result->>'score')::int, (j.result->>'score')::int) AS score, s.sex, s.race_ethnicity
            FROM jobs j
            LEFT JOIN jobs r ON r.rescore_of = j.id AND r.status = 'succeeded'
            LEFT JOIN self_identified s ON s.job_id = j.id
            WHERE j.batch_id = $1 AND j.owner = $2 AND j.rescore_of IS NULL AND j.status = 'succeeded'
            ORDER BY 1 DESC, j.external_id ASC NULLS LAST, j.id ASC
            """;

    private final BatchService batches;
    private final Pool pool;
    private final CpuPool cpu;

    AdverseImpact(BatchService batches, Pool pool, CpuPool cpu) {
        this.batches = batches;
        this.pool = pool;
        this.cpu = cpu;
    }

    /** The report of one of the caller's batches at a cut; 404 when there is no such batch, 400 when it does not score. */
    public Uni<ImpactReport> of(String owner, UUID batchId, ImpactReport.Cut cut) {
        return batches.find(owner, batchId).chain(batch -> {
            if (batch.type() != JobType.SCORE) {
                throw new InvalidInputException("cut", "only a score batch has an adverse-impact report");
            }
            // Tallying ten thousand candidates is CPU work: the CPU pool does it.
            return pool.preparedQuery(SCORES).execute(Tuple.of(batchId, owner)).emitOn(cpu.executor()).map(rows -> {
                List<ImpactReport.Scored> scored = new ArrayList<>();
                rows.forEach(row -> scored.add(new ImpactReport.Scored(row.getInteger("score"),
                        row.getString("sex") == null ? null : new SelfIdentified(row.getString("sex"), row.getString("race_ethnicity")))));
                return ImpactReport.of(batchId, batch.total(), cut, scored);
            });
        });
    }
}
