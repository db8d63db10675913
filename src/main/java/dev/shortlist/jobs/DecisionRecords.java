package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.platform.problem.InvalidInputException.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch's decision records, for an auditor: for every job, what made its score (engine,
 * model, prompt version, weights, blind or not), the score, recommendation and evidence, and
 * the recruiter's decision on the candidate (advance or reject, with a reason). A candidate's
 * erasure keeps the non-personal fields of their records (see the lifecycle package).
 */
@ApplicationScoped
public class DecisionRecords {

    /** One recruiter decision as given: the job by its id or by the external id of its resume. */
    public record Decision(UUID jobId, String externalId, String decision, String reason) {
    }

    /**
     * One record. Personal fields (external id, evidence, reason) are null on a record whose
     * candidate was erased ({@code erased}); so are those of a job that has no result.
     */
    @RegisterForReflection
    public record DecisionRecord(UUID jobId, String externalId, String status, String engine, String model, String promptVersion,
            JsonNode weights, boolean blind, Integer score, String recommendation, JsonNode evidence, String decision,
            String reason, Instant decidedAt, boolean erased) {
    }

    private static final String RECORDS = """
            SELECT j.id, j.external_id, j.status, j.llm_engine, j.llm_model, j.result->>'promptVersion' AS prompt_version,
                   j.result->'weights' AS weights, coalesce((j.input->'options'->>'blind')::boolean, false) AS blind,
                   (j.result->>'score')::int AS score, j.result->>'recommendation' AS recommendation,
                   j.result->'evidence' AS evidence, d.decision, d.reason, d.decided_at, false AS erased
            FROM jobs j LEFT JOIN job_decisions d ON d.job_id = j.id
            WHERE j.batch_id = $1 AND j.owner = $2
            UNION ALL
            SELECT e.job_id, NULL, 'erased', e.engine, e.model, e.prompt_version, e.weights, e.blind, e.score, e.recommendation,
                   NULL, e.decision, NULL, e.decided_at, true
            FROM erased_decision_records e WHERE e.batch_id = $1 AND e.owner = $2
            ORDER BY score DESC NULLS LAST, external_id ASC NULLS LAST, id ASC
            """;

    private static final String JOBS_NAMED = """
            SELECT id, external_id FROM jobs
            WHERE batch_id = $1 AND owner = $2 AND (id = ANY($3) OR external_id = ANY($4))
            """;

    private static final String RECORD_DECISIONS = """
            INSERT INTO job_decisions (job_id, batch_id, decision, reason, decided_by, decided_at)
            SELECT d.job_id, $1, d.decision, d.reason, $2, now()
            FROM unnest($3::uuid[], $4::text[], $5::text[]) AS d(job_id, decision, reason)
            ON CONFLICT (job_id) DO UPDATE
            SET decision = excluded.decision, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at
            """;

    private final BatchService batches;
    private final Pool pool;
    private final JobRows rows;

    DecisionRecords(BatchService batches, Pool pool, JobRows rows) {
        this.batches = batches;
        this.pool = pool;
        this.rows = rows;
    }

    /** Every record of one of the caller's batches, best score first; 404 when there is no such batch. */
    public Uni<List<DecisionRecord>> of(String owner, UUID batchId) {
        return batches.find(owner, batchId)
                .chain(batch -> pool.preparedQuery(RECORDS).execute(Tuple.of(batchId, owner)))
                .map(found -> {
                    List<DecisionRecord> records = new ArrayList<>();
                    found.forEach(row -> records.add(record(row)));
                    return records;
                });
    }

    /**
     * Records the caller's decisions on candidates of one of its batches, each replacing any
     * earlier one on the same job; a decision naming no job of the batch is a 400 naming it.
     * Returns how many jobs got a decision (an external id names every job of its resume).
     */
    public Uni<Integer> decide(String owner, UUID batchId, List<Decision> decisions) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Decision given = decisions.get(i);
            if ((given.jobId() == null) == (given.externalId() == null)) {
                violations.add(new Violation("decisions[" + i + "]", "name the candidate by jobId or by externalId, one of them"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        UUID[] ids = decisions.stream().map(Decision::jobId).filter(id -> id != null).toArray(UUID[]::new);
        String[] externalIds = decisions.stream().map(Decision::externalId).filter(id -> id != null).toArray(String[]::new);
        return batches.find(owner, batchId)
                .chain(batch -> pool.preparedQuery(JOBS_NAMED).execute(Tuple.of(batchId, owner, ids, externalIds)))
                .chain(found -> {
                    Map<UUID, Boolean> byId = new HashMap<>();
                    Map<String, List<UUID>> byExternalId = new HashMap<>();
                    found.forEach(row -> {
                        byId.put(row.getUUID("id"), true);
                        if (row.getString("external_id") != null) {
                            byExternalId.computeIfAbsent(row.getString("external_id"), ignored -> new ArrayList<>()).add(row.getUUID("id"));
                        }
                    });
                    Map<UUID, Decision> resolved = new HashMap<>();
                    for (int i = 0; i < decisions.size(); i++) {
                        Decision given = decisions.get(i);
                        List<UUID> jobs = given.jobId() != null
                                ? (byId.containsKey(given.jobId()) ? List.of(given.jobId()) : List.of())
                                : byExternalId.getOrDefault(given.externalId(), List.of());
                        if (jobs.isEmpty()) {
                            violations.add(new Violation("decisions[" + i + "]." + (given.jobId() != null ? "jobId" : "externalId"),
                                    "is no job of batch " + batchId));
                        }
                        jobs.forEach(job -> resolved.put(job, given));
                    }
                    if (!violations.isEmpty()) {
                        throw new InvalidInputException(violations);
                    }
                    List<UUID> jobs = new ArrayList<>(resolved.keySet());
                    return pool.preparedQuery(RECORD_DECISIONS).execute(Tuple.of(batchId, owner, jobs.toArray(UUID[]::new),
                                    jobs.stream().map(job -> resolved.get(job).decision()).toArray(String[]::new),
                                    jobs.stream().map(job -> resolved.get(job).reason()).toArray(String[]::new)))
                            .map(done -> jobs.size());
                });
    }

    private DecisionRecord record(Row row) {
        return new DecisionRecord(row.getUUID("id"), row.getString("external_id"), row.getString("status"),
                row.getString("llm_engine"), row.getString("llm_model"), row.getString("prompt_version"),
                rows.decode(row.getValue("weights")), row.getBoolean("blind"), row.getInteger("score"), row.getString("recommendation"),
                rows.decode(row.getValue("evidence")), row.getString("decision"), row.getString("reason"),
                row.getOffsetDateTime("decided_at") == null ? null : row.getOffsetDateTime("decided_at").toInstant(),
                row.getBoolean("erased"));
    }
}
