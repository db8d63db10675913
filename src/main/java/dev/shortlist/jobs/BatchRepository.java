package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads of the {@code batches} table and of their children in {@code jobs}; writes go through {@link BatchWrites}. */
@ApplicationScoped
public class BatchRepository {

    private static final String FIND_OWNED = "SELECT * FROM batches WHERE id = $1 AND owner = $2";

    private static final String FIND_BY_IDEMPOTENCY_KEY =
            "SELECT id, request_hash FROM batches WHERE owner = $1 AND idempotency_key = $2";

    /** The batch an Idempotency-Key created, and the hash of the request that created it. */
    public record Keyed(UUID id, String requestHash) {
    }

    private static final String COUNT_CHILDREN = """
            SELECT status, count(*) AS n, max(finished_at) AS last_finished
            FROM jobs WHERE batch_id = $1
            GROUP BY status
            """;

    /**
     * An owner's batches, newest first, from just after a cursor (as the job listing), each
     * with its children counted by one indexed count. The status is the one callers see:
     * cancelled, else completed once every child ended, else running.
     */
    private static final String LIST = """
            SELECT b.*, c.*
            FROM batches b
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
                       count(*) FILTER (WHERE status = 'running') AS running,
                       count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
                       count(*) FILTER (WHERE status = 'failed') AS failed,
                       count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
                       count(*) FILTER (WHERE status IN ('succeeded', 'failed', 'cancelled')) AS ended,
                       max(finished_at) AS last_finished
                FROM jobs WHERE batch_id = b.id
            ) AS c
            WHERE b.owner = $1
              AND ($2::text IS NULL OR b.type = $2)
              AND ($3::timestamptz IS NULL OR b.created_at >= $3)
              AND ($4::timestamptz IS NULL OR b.created_at < $4)
              AND ($5::timestamptz IS NULL OR (b.created_at, b.id) < ($5, $6::uuid))
              AND ($7::text IS NULL
                   OR ($7 = 'cancelled' AND b.cancelled_at IS NOT NULL)
                   OR ($7 = 'completed' AND b.cancelled_at IS NULL AND c.ended = b.total)
                   OR ($7 = 'running' AND b.cancelled_at IS NULL AND c.ended < b.total))
            ORDER BY b.created_at DESC, b.id DESC
            LIMIT $8
            """;

    /**
     * The ranked shortlist: best score first; equal scores by external id, then job id,
     * so the order is stable between calls. In a re-scored batch the resumes the remote
     * model re-scored come first, in its order, then the rest in the local engine's: the
     * re-scoring re-orders the best few, it does not compare two engines' scales.
     */
    private static final String SHORTLIST = """
            SELECT coalesce(again.id, first.id) AS id, first.external_id,
                   (coalesce(again.result, first.result)->>'score')::int AS score,
                   coalesce(again.result, first.result)->>'recommendation' AS recommendation,
                   coalesce(again.result, first.result)->'matchedSkills' AS matched,
                   coalesce(again.result, first.result)->'missingSkills' AS missing,
                   coalesce(again.result, first.result)->>'engine' AS engine,
                   CASE WHEN again.id IS NOT NULL THEN (first.result->>'score')::int END AS local_score
            FROM jobs first
            LEFT JOIN jobs again ON again.batch_id = $1 AND again.rescore_of = first.id AND again.status = 'succeeded'
            WHERE first.batch_id = $1 AND first.status = 'succeeded' AND first.rescore_of IS NULL
            ORDER BY again.id IS NULL, (coalesce(again.result, first.result)->>'score')::int DESC,
                     first.external_id ASC NULLS LAST, first.id ASC
            LIMIT $2
            """;

    /**
     * A tailor batch's ranked list: best ATS score after tailoring first; equal ones by the
     * score before (the resume that needed less rewriting fits better), then as above.
     */
    private static final String TAILORED_SHORTLIST = """
            SELECT id, external_id,
                   round((result->>'atsScoreAfter')::numeric)::int AS after,
                   round((result->>'atsScoreBefore')::numeric)::int AS before,
                   result->'keywordsAdded' AS added, result->'missingKeywords' AS missing, result->>'engine' AS engine
            FROM jobs
            WHERE batch_id = $1 AND status = 'succeeded'
            ORDER BY after DESC NULLS LAST, before DESC NULLS LAST, external_id ASC NULLS LAST, id ASC
            LIMIT $2
            """;

    /** Re-scored batches whose first stage has ended (nothing queued or running) and whose second has not begun. */
    private static final String RESCORE_DUE = """
            SELECT b.id FROM batches b
            WHERE b.rescore_top IS NOT NULL AND b.rescore_started_at IS NULL
              AND %s
            ORDER BY b.created_at
            LIMIT $1
            """.formatted(BatchEnd.nothingLeftToRun("b"));

    private final Pool pool;
    private final JobRows rows;

    BatchRepository(Pool pool, JobRows rows) {
        this.pool = pool;
        this.rows = rows;
    }

    public Uni<Optional<Keyed>> findByIdempotencyKey(String owner, String key) {
        return pool.preparedQuery(FIND_BY_IDEMPOTENCY_KEY).execute(Tuple.of(owner, key)).map(found -> found.rowCount() == 0
                ? Optional.empty()
                : Optional.of(new Keyed(found.iterator().next().getUUID("id"), found.iterator().next().getString("request_hash"))));
    }

    Uni<Optional<Batch>> findOwned(UUID id, String owner) {
        return pool.preparedQuery(FIND_OWNED).execute(Tuple.of(id, owner))
                .chain(found -> found.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<Batch>empty())
                        : withCounts(found.iterator().next()).map(Optional::of));
    }

    private Uni<Batch> withCounts(Row batch) {
        return pool.preparedQuery(COUNT_CHILDREN).execute(Tuple.of(batch.getUUID("id"))).map(counted -> {
            Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
            for (JobStatus status : JobStatus.values()) {
                counts.put(status, 0);
            }
            OffsetDateTime lastFinished = null;
            for (Row row : counted) {
                counts.put(JobStatus.fromWireName(row.getString("status")), row.getLong("n").intValue());
                OffsetDateTime finished = row.getOffsetDateTime("last_finished");
                if (finished != null && (lastFinished == null || finished.isAfter(lastFinished))) {
                    lastFinished = finished;
                }
            }
            return toBatch(batch, counts, lastFinished);
        });
    }

    /** A page of the owner's batches with their counts, in one statement (see {@link #LIST}). */
    Uni<List<Batch>> list(String owner, BatchFilter filter, JobCursor after, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.from(new Object[] {
                        owner,
                        filter.type() == null ? null : filter.type().wireName(),
                        at(filter.createdAfter()),
                        at(filter.createdBefore()),
                        after == null ? null : at(after.createdAt()),
                        after == null ? null : after.id(),
                        filter.status() == null ? null : filter.status().wireName(),
                        limit }))
                .map(found -> {
                    List<Batch> page = new ArrayList<>(found.rowCount());
                    for (Row row : found) {
                        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
                        for (JobStatus status : JobStatus.values()) {
                            counts.put(status, row.getLong(status.wireName()).intValue());
                        }
                        page.add(toBatch(row, counts, row.getOffsetDateTime("last_finished")));
                    }
                    return page;
                });
    }

    private Batch toBatch(Row batch, Map<JobStatus, Integer> counts, OffsetDateTime lastFinished) {
        int total = batch.getInteger("total");
        int ended = counts.get(JobStatus.SUCCEEDED) + counts.get(JobStatus.FAILED) + counts.get(JobStatus.CANCELLED);
        OffsetDateTime cancelledAt = batch.getOffsetDateTime("cancelled_at");
        OffsetDateTime rescoreStartedAt = batch.getOffsetDateTime("rescore_started_at");
        return new Batch(batch.getUUID("id"), batch.getString("owner"), JobType.fromWireName(batch.getString("type")),
                Priority.ofRank(batch.getShort("priority")), rows.decode(batch.getValue("input")), total,
                batch.getOffsetDateTime("created_at").toInstant(),
                cancelledAt == null ? null : cancelledAt.toInstant(),
                counts, ended == total && lastFinished != null ? lastFinished.toInstant() : null, batch.getInteger("rescore_top"),
                rescoreStartedAt == null ? null : rescoreStartedAt.toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    Uni<List<ShortlistEntry>> shortlist(UUID batchId, int top) {
        return pool.preparedQuery(SHORTLIST).execute(Tuple.of(batchId, top)).map(found -> {
            List<ShortlistEntry> entries = new ArrayList<>(found.rowCount());
            int rank = 0;
            for (Row row : found) {
                entries.add(new ShortlistEntry(++rank, row.getString("external_id"), row.getUUID("id"),
                        row.getInteger("score"), row.getString("recommendation"),
                        strings(rows.decode(row.getValue("matched"))), strings(rows.decode(row.getValue("missing"))),
                        row.getString("engine"), row.getInteger("local_score")));
            }
            return entries;
        });
    }

    Uni<List<TailoredEntry>> tailoredShortlist(UUID batchId, int top) {
        return pool.preparedQuery(TAILORED_SHORTLIST).execute(Tuple.of(batchId, top)).map(found -> {
            List<TailoredEntry> entries = new ArrayList<>(found.rowCount());
            int rank = 0;
            for (Row row : found) {
                entries.add(new TailoredEntry(++rank, row.getString("external_id"), row.getUUID("id"),
                        row.getInteger("after"), row.getInteger("before"),
                        strings(rows.decode(row.getValue("added"))), strings(rows.decode(row.getValue("missing"))),
                        row.getString("engine")));
            }
            return entries;
        });
    }

    public Uni<List<UUID>> rescoreDue(int limit) {
        return pool.preparedQuery(RESCORE_DUE).execute(Tuple.of(limit)).map(found -> {
            List<UUID> ids = new ArrayList<>(found.rowCount());
            found.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
