package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code batches} table and the batch-wide reads and writes of their children in {@code jobs}. */
@ApplicationScoped
class BatchRepository {

    /** Children are inserted this many per statement: big enough to be fast, small enough to keep statements modest. */
    static final int INSERT_CHUNK = 1000;

    private static final String INSERT_BATCH = """
            INSERT INTO batches (id, owner, type, priority, input, total)
            VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)
            """;

    /** Many children in one round trip: one array per column, unnested into rows. */
    private static final String INSERT_CHILDREN = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, max_attempts, external_id, input, input_hash)
            SELECT child.id, $2, $3, $4, $5, $6, child.external_id, child.input::jsonb, child.input_hash
            FROM unnest($1::uuid[], $7::text[], $8::text[], $9::text[]) AS child(id, external_id, input, input_hash)
            """;

    private static final String NOTIFY_SUBMITTED = "SELECT pg_notify('" + JobRepository.SUBMIT_CHANNEL + "', '')";

    private static final String FIND_OWNED = "SELECT * FROM batches WHERE id = $1 AND owner = $2";

    private static final String COUNT_CHILDREN = """
            SELECT status, count(*) AS n, max(finished_at) AS last_finished
            FROM jobs WHERE batch_id = $1
            GROUP BY status
            """;

    private static final String MARK_CANCELLED = """
            UPDATE batches SET cancelled_at = coalesce(cancelled_at, now()) WHERE id = $1 AND owner = $2
            """;

    /** Every child that has not ended; replicas running one hear of it and abandon the work. */
    private static final String CANCEL_CHILDREN = """
            UPDATE jobs
            SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()
            WHERE batch_id = $1 AND status IN ('queued', 'running')
            """;

    /**
     * The ranked shortlist: best score first; equal scores by external id, then job id,
     * so the order is stable between calls.
     */
    private static final String SHORTLIST = """
            SELECT id, external_id, (result->>'score')::int AS score, result->>'recommendation' AS recommendation,
                   result->'matchedSkills' AS matched, result->'missingSkills' AS missing
            FROM jobs
            WHERE batch_id = $1 AND status = 'succeeded'
            ORDER BY (result->>'score')::int DESC, external_id ASC NULLS LAST, id ASC
            LIMIT $2
            """;

    private final Pool pool;
    private final JobRows rows;

    BatchRepository(Pool pool, JobRows rows) {
        this.pool = pool;
        this.rows = rows;
    }

    /** The batch and all its children, in one transaction: all exist, or none. */
    Uni<Void> insert(UUID batchId, String owner, JobType type, Priority priority, JsonNode input, List<NewJob> children) {
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_BATCH)
                .execute(Tuple.of(batchId, owner, type.wireName(), priority.rank(), rows.encode(input), children.size()))
                .chain(() -> insertChildren(tx, batchId, owner, type, priority, children, 0))
                .chain(() -> tx.query(NOTIFY_SUBMITTED).execute())
                .replaceWithVoid());
    }

    private Uni<Void> insertChildren(SqlClient tx, UUID batchId, String owner, JobType type, Priority priority,
            List<NewJob> children, int from) {
        if (from >= children.size()) {
            return Uni.createFrom().voidItem();
        }
        List<NewJob> chunk = children.subList(from, Math.min(from + INSERT_CHUNK, children.size()));
        UUID[] ids = new UUID[chunk.size()];
        String[] externalIds = new String[chunk.size()];
        String[] inputs = new String[chunk.size()];
        String[] hashes = new String[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            NewJob child = chunk.get(i);
            ids[i] = child.id();
            externalIds[i] = child.externalId();
            inputs[i] = rows.encode(child.input());
            hashes[i] = child.inputHash();
        }
        return tx.preparedQuery(INSERT_CHILDREN)
                .execute(Tuple.from(new Object[] {
                        ids, owner, type.wireName(), priority.rank(), batchId, chunk.get(0).maxAttempts(),
                        externalIds, inputs, hashes }))
                .chain(() -> insertChildren(tx, batchId, owner, type, priority, children, from + chunk.size()));
    }

    Uni<Optional<Batch>> findOwned(UUID id, String owner) {
        return pool.preparedQuery(FIND_OWNED).execute(Tuple.of(id, owner))
                .chain(found -> found.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<Batch>empty())
                        : withCounts(found.iterator().next()).map(Optional::of));
    }

    private Uni<Batch> withCounts(Row batch) {
        UUID id = batch.getUUID("id");
        return pool.preparedQuery(COUNT_CHILDREN).execute(Tuple.of(id)).map(counted -> {
            Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
            for (JobStatus status : JobStatus.values()) {
                counts.put(status, 0);
            }
            Instant lastFinished = null;
            for (Row row : counted) {
                counts.put(JobStatus.fromWireName(row.getString("status")), row.getLong("n").intValue());
                OffsetDateTime finished = row.getOffsetDateTime("last_finished");
                if (finished != null && (lastFinished == null || finished.toInstant().isAfter(lastFinished))) {
                    lastFinished = finished.toInstant();
                }
            }
            int total = batch.getInteger("total");
            int ended = counts.get(JobStatus.SUCCEEDED) + counts.get(JobStatus.FAILED) + counts.get(JobStatus.CANCELLED);
            OffsetDateTime cancelledAt = batch.getOffsetDateTime("cancelled_at");
            return new Batch(id, batch.getString("owner"), JobType.fromWireName(batch.getString("type")),
                    Priority.ofRank(batch.getShort("priority")), rows.decode(batch.getValue("input")), total,
                    batch.getOffsetDateTime("created_at").toInstant(),
                    cancelledAt == null ? null : cancelledAt.toInstant(),
                    counts, ended == total ? lastFinished : null);
        });
    }

    /** Marks the batch cancelled and ends its unfinished children; false when the caller has no such batch. */
    Uni<Boolean> cancel(UUID id, String owner) {
        return pool.withTransaction(tx -> tx.preparedQuery(MARK_CANCELLED).execute(Tuple.of(id, owner))
                .chain(marked -> marked.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : tx.preparedQuery(CANCEL_CHILDREN).execute(Tuple.of(id)).replaceWith(true)));
    }

    Uni<List<ShortlistEntry>> shortlist(UUID batchId, int top) {
        return pool.preparedQuery(SHORTLIST).execute(Tuple.of(batchId, top)).map(found -> {
            List<ShortlistEntry> entries = new ArrayList<>(found.rowCount());
            int rank = 0;
            for (Row row : found) {
                entries.add(new ShortlistEntry(++rank, row.getString("external_id"), row.getUUID("id"),
                        row.getInteger("score"), row.getString("recommendation"),
                        strings(rows.decode(row.getValue("matched"))), strings(rows.decode(row.getValue("missing")))));
            }
            return entries;
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
