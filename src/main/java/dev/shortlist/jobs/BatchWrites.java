package dev.shortlist.jobs;

import static dev.shortlist.jobs.JobStatus.CANCELLED;
import static dev.shortlist.jobs.JobStatus.QUEUED;
import static dev.shortlist.jobs.JobStatus.RUNNING;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.platform.cpu.CpuPool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The writes of requests to {@code batches}: a batch inserted with all its children in one
 * transaction, its re-scoring stage begun once, and its cancel. Time comes from the injected
 * clock, as in {@link JobWrites} (which says why).
 */
@ApplicationScoped
public class BatchWrites {

    /** Children are inserted this many per statement: big enough to be fast, small enough to keep statements modest. */
    static final int INSERT_CHUNK = 1000;

    /** A cancel that keeps losing races with the pipeline's writes gives up after this many tries. */
    private static final int CANCEL_ATTEMPTS = 5;

    /**
     * A retry under an Idempotency-Key the owner used already inserts nothing and returns no
     * row; one sent while the first is still being inserted waits for it on the unique index.
     */
    private static final String INSERT_BATCH = """
            INSERT INTO batches (id, owner, type, priority, input, total, created_at, idempotency_key, request_hash, rescore_top,
                                 notify_email)
            VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id
            """;

    /** Many children in one round trip: one array per column, unnested into rows. */
    private static final String INSERT_CHILDREN = """
            INSERT INTO jobs (id, owner, type, priority, batch_id, max_attempts, external_id, input, input_hash, status,
                              created_at, updated_at, run_after, rescore_of, traceparent)
            SELECT child.id, $2, $3, $4, $5, $6, child.external_id, child.input::jsonb, child.input_hash, %s, $10, $10, $10,
                   child.rescore_of, $12
            FROM unnest($1::uuid[], $7::text[], $8::text[], $9::text[], $11::uuid[])
                 AS child(id, external_id, input, input_hash, rescore_of)
            """.formatted(JobTransitions.initial(QUEUED));

    private static final String INSERT_CATEGORIES = """
            INSERT INTO self_identified (batch_id, job_id, sex, race_ethnicity)
            SELECT $1, c.job_id, c.sex, c.race_ethnicity FROM unnest($2::uuid[], $3::text[], $4::text[]) AS c(job_id, sex, race_ethnicity)
            """;

    /** A re-scored batch whose second stage has not begun, locked so that one replica begins it. */
    private static final String LOCK_RESCORE = """
            SELECT id, owner, type, priority, rescore_top, cancelled_at FROM batches
            WHERE id = $1 AND rescore_top IS NOT NULL AND rescore_started_at IS NULL
            FOR UPDATE SKIP LOCKED
            """;

    /** The first stage's best resumes, in the shortlist's order. */
    private static final String BEST_OF_FIRST_STAGE = """
            SELECT * FROM jobs
            WHERE batch_id = $1 AND status = 'succeeded' AND rescore_of IS NULL
            ORDER BY (result->>'score')::int DESC, external_id ASC NULLS LAST, id ASC
            LIMIT $2
            """;

    /** The second stage begun: the total is now the jobs the batch really has (it counted the planned ones). */
    private static final String MARK_RESCORE_STARTED = """
            UPDATE batches SET rescore_started_at = $2, total = (SELECT count(*) FROM jobs WHERE batch_id = $1)
            WHERE id = $1
            """;

    private static final String MARK_BATCH_CANCELLED = """
            UPDATE batches SET cancelled_at = coalesce(cancelled_at, $3) WHERE id = $1 AND owner = $2
            """;

    /** Every child that has not ended; replicas running one hear of it and abandon the work. */
    private static final String CANCEL_CHILDREN = """
            UPDATE jobs
            SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, finished_at = $2, updated_at = $2
            WHERE batch_id = $1 AND %s
            """.formatted(JobTransitions.guard(Set.of(QUEUED, RUNNING), CANCELLED));

    private final Pool pool;
    private final CpuPool cpu;
    private final JobRows rows;
    private final Clock clock;

    public BatchWrites(Pool pool, JobRows rows, Clock clock, CpuPool cpu) {
        this.pool = pool;
        this.rows = rows;
        this.clock = clock;
        this.cpu = cpu;
    }

    /**
     * The batch and all its children, in one transaction: all exist, or none. False, with
     * nothing inserted, when the owner already has a batch under this Idempotency-Key. A
     * batch to be re-scored counts its second stage's jobs in its total from the start, so
     * it is never seen finished between the two stages.
     */
    public Uni<Boolean> insertBatch(UUID batchId, String owner, JobType type, Priority priority, JsonNode input, List<NewJob> children,
            String idempotencyKey, String requestHash, Integer rescoreTop, List<String> notifyEmail,
            Map<UUID, SelfIdentified> categories) {
        OffsetDateTime now = now();
        String[] emails = notifyEmail.isEmpty() ? null : notifyEmail.toArray(String[]::new);
        int total = children.size() + (rescoreTop == null ? 0 : Math.min(rescoreTop, children.size()));
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_BATCH)
                .execute(Tuple.from(new Object[] {
                        batchId, owner, type.wireName(), priority.rank(), rows.encode(input), total, now,
                        idempotencyKey, requestHash, rescoreTop, emails }))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : insertChildren(tx, batchId, owner, type, priority, children, Map.of(), 0, now)
                                .chain(() -> insertCategories(tx, batchId, categories))
                                .chain(() -> tx.query(JobEvents.NOTIFY_SUBMITTED).execute())
                                .replaceWith(true)));
    }

    /**
     * Begins a re-scored batch's second stage, once: one job per best first-stage resume
     * (none when the batch was cancelled), made by {@code rescoring} from the first-stage
     * jobs. False when another replica began it, or it has begun.
     */
    public Uni<Boolean> startRescore(UUID batchId, Function<List<Job>, Uni<List<NewJob>>> rescoring) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK_RESCORE).execute(Tuple.of(batchId)).chain(locked -> {
            if (locked.rowCount() == 0) {
                return Uni.createFrom().item(false);
            }
            Row batch = locked.iterator().next();
            int top = batch.getOffsetDateTime("cancelled_at") == null ? batch.getInteger("rescore_top") : 0;
            return tx.preparedQuery(BEST_OF_FIRST_STAGE).execute(Tuple.of(batchId, top))
                    .chain(found -> {
                        List<Job> best = rows.toJobs(found);
                        List<String> externalIds = new ArrayList<>(best.size());
                        found.forEach(row -> externalIds.add(row.getString("external_id")));
                        return rescoring.apply(best).chain(made -> {
                            // Each second-stage job keeps its resume's external id and names the job it re-scores.
                            List<NewJob> children = new ArrayList<>(made.size());
                            Map<UUID, UUID> rescoreOf = new HashMap<>();
                            for (int i = 0; i < made.size(); i++) {
                                NewJob child = made.get(i);
                                children.add(new NewJob(child.id(), child.owner(), child.type(), child.priority(), child.batchId(),
                                        child.input(), child.inputHash(), null, child.maxAttempts(), externalIds.get(i), null));
                                rescoreOf.put(child.id(), best.get(i).id());
                            }
                            return insertChildren(tx, batchId, batch.getString("owner"),
                                    JobType.fromWireName(batch.getString("type")), Priority.ofRank(batch.getShort("priority")),
                                    children, rescoreOf, 0, now);
                        });
                    })
                    .chain(() -> tx.preparedQuery(MARK_RESCORE_STARTED).execute(Tuple.of(batchId, now)))
                    .chain(() -> tx.query(JobEvents.NOTIFY_SUBMITTED).execute())
                    .replaceWith(true);
        }));
    }

    /** The categories candidates self-identified, apart from the jobs' inputs, in one round trip. */
    private static Uni<Void> insertCategories(SqlClient tx, UUID batchId, Map<UUID, SelfIdentified> categories) {
        if (categories.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> jobs = new ArrayList<>(categories.keySet());
        return tx.preparedQuery(INSERT_CATEGORIES).execute(Tuple.of(batchId, jobs.toArray(UUID[]::new),
                        jobs.stream().map(job -> categories.get(job).sex()).toArray(String[]::new),
                        jobs.stream().map(job -> categories.get(job).raceEthnicity()).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> insertChildren(SqlClient tx, UUID batchId, String owner, JobType type, Priority priority,
            List<NewJob> children, Map<UUID, UUID> rescoreOf, int from, OffsetDateTime now) {
        if (from >= children.size()) {
            return Uni.createFrom().voidItem();
        }
        List<NewJob> chunk = children.subList(from, Math.min(from + INSERT_CHUNK, children.size()));
        // Encoding a thousand inputs as JSON is CPU work: the CPU pool does it, the statement follows.
        return cpu.run(() -> columns(chunk, rescoreOf))
                .chain(columns -> tx.preparedQuery(INSERT_CHILDREN)
                        .execute(Tuple.from(new Object[] {
                                columns.ids(), owner, type.wireName(), priority.rank(), batchId, chunk.get(0).maxAttempts(),
                                columns.externalIds(), columns.inputs(), columns.hashes(), now, columns.rescoreOf(),
                                chunk.get(0).traceparent() })))
                .chain(() -> insertChildren(tx, batchId, owner, type, priority, children, rescoreOf, from + chunk.size(), now));
    }

    /** Children as the columns of one unnest insert. */
    private record ChildColumns(UUID[] ids, String[] externalIds, String[] inputs, String[] hashes, UUID[] rescoreOf) {
    }

    private ChildColumns columns(List<NewJob> chunk, Map<UUID, UUID> rescoreOf) {
        ChildColumns columns = new ChildColumns(new UUID[chunk.size()], new String[chunk.size()], new String[chunk.size()],
                new String[chunk.size()], new UUID[chunk.size()]);
        for (int i = 0; i < chunk.size(); i++) {
            NewJob child = chunk.get(i);
            columns.ids()[i] = child.id();
            columns.externalIds()[i] = child.externalId();
            columns.inputs()[i] = rows.encode(child.input());
            columns.hashes()[i] = child.inputHash();
            columns.rescoreOf()[i] = rescoreOf.get(child.id());
        }
        return columns;
    }

    /**
     * Marks the batch cancelled and ends its unfinished children; false when the owner has no
     * such batch. Ending a thousand children while the pipeline claims, renews and completes
     * some of them can deadlock with those multi-row writes; PostgreSQL then aborts one side,
     * and when it is this one the cancel runs again (it is idempotent), so the caller sees a
     * cancel, not a 500.
     */
    public Uni<Boolean> cancelBatch(UUID id, String owner) {
        return pool.withTransaction(tx -> tx.preparedQuery(MARK_BATCH_CANCELLED).execute(Tuple.of(id, owner, now()))
                        .chain(marked -> marked.rowCount() == 0
                                ? Uni.createFrom().item(false)
                                : tx.preparedQuery(CANCEL_CHILDREN).execute(Tuple.of(id, now())).replaceWith(true)))
                .onFailure(BatchWrites::lostToAConcurrentWrite).retry().atMost(CANCEL_ATTEMPTS - 1);
    }

    /** Deadlock detected, or a serialization failure: the transaction lost a race and may simply run again. */
    private static boolean lostToAConcurrentWrite(Throwable failure) {
        return failure instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
