package dev.shortlist.lifecycle;

import dev.shortlist.cache.CacheKey;
import dev.shortlist.cache.ResultCache;
import dev.shortlist.documents.postings.PostingService;
import dev.shortlist.platform.problem.NotFoundException;
import dev.shortlist.platform.problem.NotFoundException;
import dev.shortlist.platform.problem.NotFoundException;
import dev.shortlist.platform.problem.NotFoundException;
import dev.shortlist.security.Caller;
import dev.shortlist.security.SecurityAudit;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Deletes for real: an owner's job, batch or document, and (for admins) everything held
 * about one candidate, found by the external id the client gave the resume. Rows are
 * deleted, not flagged; cached results leave Redis; audit events that name a deleted job
 * go with it. A job deleted while it runs is never completed: completion needs its row.
 */
@ApplicationScoped
public class Deletions {

    /** What the cache key and the erasure need of each job. */
    private static final String JOB_COLUMNS = """
            SELECT id, type, llm_engine, llm_model, result->>'promptVersion' AS prompt_version, input_hash,
                   input->'resume'->>'documentId' AS document_id
            FROM jobs
            """;
    private static final String JOB_OF_OWNER = JOB_COLUMNS + " WHERE id = $1 AND owner = $2";
    private static final String JOBS_OF_BATCH = JOB_COLUMNS + " WHERE batch_id = $1 AND owner = $2";
    private static final String JOBS_OF_CANDIDATE = JOB_COLUMNS
            + " WHERE external_id = $1 AND ($2::text IS NULL OR owner = $2)";

    /**
     * Deletes the jobs, their audit events, and shrinks their batches by as many (a batch
     * left with none is deleted too, so its progress still adds up).
     */
    private static final String DELETE_JOBS = """
            WITH gone AS (DELETE FROM jobs WHERE id = ANY($1) RETURNING batch_id),
            per_batch AS (SELECT batch_id, count(*) AS n FROM gone WHERE batch_id IS NOT NULL GROUP BY batch_id),
            shrunk AS (UPDATE batches b SET total = b.total - p.n FROM per_batch p
                       WHERE b.id = p.batch_id AND b.total > p.n RETURNING b.id),
            emptied AS (DELETE FROM batches b USING per_batch p WHERE b.id = p.batch_id AND b.total <= p.n RETURNING b.id),
            audit AS (DELETE FROM audit_events WHERE detail->>'jobId' = ANY($2) RETURNING id)
            SELECT (SELECT count(*) FROM gone) AS jobs, (SELECT count(*) FROM emptied) AS batches,
                   (SELECT count(*) FROM audit) AS audit_events
            """;
    /**
     * Before an erasure deletes a candidate's batch jobs, the non-personal fields of their
     * decision records are kept: no resume, evidence, external id or reason.
     */
    private static final String KEEP_DECISION_RECORDS = """
            INSERT INTO erased_decision_records (job_id, batch_id, owner, type, engine, model, prompt_version, weights, blind,
                                                 score, recommendation, decision, decided_at, erased_at)
            SELECT j.id, j.batch_id, j.owner, j.type, j.llm_engine, j.llm_model, j.result->>'promptVersion', j.result->'weights',
                   coalesce((j.input->'options'->>'blind')::boolean, false), (j.result->>'score')::int,
                   j.result->>'recommendation', d.decision, d.decided_at, now()
            FROM jobs j LEFT JOIN job_decisions d ON d.job_id = j.id
            WHERE j.id = ANY($1) AND j.batch_id IS NOT NULL
            ON CONFLICT (job_id) DO NOTHING
            """;
    private static final String DELETE_BATCH = "DELETE FROM batches WHERE id = $1 AND owner = $2";
    private static final String BATCH_EXISTS = "SELECT 1 FROM batches WHERE id = $1 AND owner = $2";
    private static final String DELETE_DOCUMENT = "DELETE FROM documents WHERE id = $1 AND owner = $2";
    private static final String DELETE_DOCUMENTS = "DELETE FROM documents WHERE id = ANY($1)";
    private static final String DELETE_POSTING = "DELETE FROM postings WHERE id = $1 AND owner = $2";

    /** What an erasure removed, counted, so the requester can show it was done. */
    public record Erased(int jobs, int batches, int documents, int cachedResults, int auditEvents) {
    }

    private record Found(UUID id, CacheKey cacheKey, UUID documentId) {
    }

    private final Pool pool;
    private final ResultCache cache;
    private final SecurityAudit audit;
    private final PostingService postings;

    Deletions(Pool pool, ResultCache cache, SecurityAudit audit, PostingService postings) {
        this.postings = postings;
        this.pool = pool;
        this.cache = cache;
        this.audit = audit;
    }

    /** Deletes one of the caller's jobs, whatever its state; 404 when the caller has none by that id. */
    public Uni<Void> deleteJob(Caller caller, UUID id) {
        return find(JOB_OF_OWNER, Tuple.of(id, caller.owner()))
                .invoke(found -> {
                    if (found.isEmpty()) {
                        throw new NotFoundException("job", id);
                    }
                })
                .chain(found -> delete(found, false)).replaceWithVoid();
    }

    /** Deletes one of the caller's batches with all its jobs, running ones included. */
    public Uni<Void> deleteBatch(Caller caller, UUID id) {
        Tuple owned = Tuple.of(id, caller.owner());
        return pool.preparedQuery(BATCH_EXISTS).execute(owned)
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundException("batch", id);
                    }
                })
                .chain(() -> find(JOBS_OF_BATCH, owned))
                .chain(found -> delete(found, false))
                // A batch whose jobs were all purged already has none left to take it along.
                .chain(() -> pool.preparedQuery(DELETE_BATCH).execute(owned))
                .replaceWithVoid();
    }

    /** Deletes one of the caller's documents; jobs made from it keep their own copy of its text until they are deleted. */
    public Uni<Void> deleteDocument(Caller caller, UUID id) {
        return pool.preparedQuery(DELETE_DOCUMENT).execute(Tuple.of(id, caller.owner()))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundException("document", id);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Deletes one of the caller's postings with its stored reading. Jobs made from it keep
     * their own copy of its text, so finished ones keep their results and queued ones still run.
     */
    public Uni<Void> deletePosting(Caller caller, UUID id) {
        return pool.preparedQuery(DELETE_POSTING).execute(Tuple.of(id, caller.owner()))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundException("posting", id);
                    }
                    postings.forget(id);
                })
                .replaceWithVoid();
    }

    /**
     * Erases one candidate: every job with this external id (of one owner, or of all),
     * the documents those jobs were made from, their cached results and the audit events
     * naming them. Audited itself, with a hash of the external id rather than the id.
     */
    public Uni<Erased> eraseCandidate(Caller admin, String externalId, String owner) {
        return find(JOBS_OF_CANDIDATE, Tuple.of(externalId, owner))
                .chain(found -> delete(found, true))
                .invoke(erased -> {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("externalIdSha256", sha256(externalId));
                    if (owner != null) {
                        detail.put("owner", owner);
                    }
                    detail.put("jobs", erased.jobs());
                    detail.put("documents", erased.documents());
                    detail.put("cachedResults", erased.cachedResults());
                    detail.put("auditEvents", erased.auditEvents());
                    audit.record(SecurityAudit.CANDIDATE_ERASED, admin.owner(), null, detail);
                });
    }

    private Uni<List<Found>> find(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments).map(rows -> {
            List<Found> found = new ArrayList<>();
            rows.forEach(row -> found.add(found(row)));
            return found;
        });
    }

    /**
     * Cached results go first and must go: if Redis cannot confirm, nothing is deleted and
     * the request can be repeated. They are evicted once more after the rows are gone, in
     * case a job that was running stored its result in between. An {@code erasure} (a
     * candidate's) deletes their documents too and keeps their decision records' non-personal fields.
     */
    private Uni<Erased> delete(List<Found> found, boolean erasure) {
        List<CacheKey> keys = found.stream().map(Found::cacheKey).filter(key -> key != null).toList();
        UUID[] ids = found.stream().map(Found::id).toArray(UUID[]::new);
        String[] idTexts = found.stream().map(f -> f.id().toString()).toArray(String[]::new);
        UUID[] documents = erasure
                ? found.stream().map(Found::documentId).filter(d -> d != null).distinct().toArray(UUID[]::new)
                : new UUID[0];
        return cache.evict(keys)
                .onFailure().transform(RedisUnavailableForErasure::new)
                .chain(cached -> pool.withTransaction(connection -> (erasure
                                ? connection.preparedQuery(KEEP_DECISION_RECORDS).execute(Tuple.of(ids)).replaceWithVoid()
                                : Uni.createFrom().voidItem())
                        .chain(() -> deleteRows(connection, ids, idTexts, documents)))
                        .map(deleted -> deleted.apply(cached)))
                .call(() -> cache.evict(keys).onFailure().invoke(failure -> Log.warnf(
                        "Cached results of %d deleted jobs could not be evicted a second time: %s", ids.length,
                        failure.getMessage())).onFailure().recoverWithNull());
    }

    private Uni<Function<Integer, Erased>> deleteRows(SqlConnection connection, UUID[] ids, String[] idTexts,
            UUID[] documents) {
        return connection.preparedQuery(DELETE_JOBS).execute(Tuple.of(ids, idTexts))
                .chain(jobRows -> {
                    Row counts = jobRows.iterator().next();
                    Uni<Integer> documentsDeleted = documents.length == 0 ? Uni.createFrom().item(0)
                            : connection.preparedQuery(DELETE_DOCUMENTS).execute(Tuple.of(documents)).map(r -> r.rowCount());
                    return documentsDeleted.map(documentCount -> cached -> new Erased(counts.getInteger("jobs"),
                            counts.getInteger("batches"), documentCount, cached, counts.getInteger("audit_events")));
                });
    }

    private static Found found(Row row) {
        String promptVersion = row.getString("prompt_version");
        String engine = row.getString("llm_engine");
        CacheKey key = promptVersion == null || engine == null ? null
                : new CacheKey(row.getString("type"), engine, row.getString("llm_model"), promptVersion,
                        row.getString("input_hash"));
        String document = row.getString("document_id");
        return new Found(row.getUUID("id"), key, document == null ? null : UUID.fromString(document));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
