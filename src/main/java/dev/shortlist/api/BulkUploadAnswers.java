package dev.shortlist.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.platform.cpu.CpuPool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The {@code bulk_upload_answers} table: the first answer to each keyed bulk upload, kept
 * so that its retries are answered the same without storing anything again. The answer
 * is kept as sent (status, Location, body), since a retry must see exactly that. An answer
 * lists every file of the upload, so it is written and read as JSON on the CPU pool.
 */
@ApplicationScoped
class BulkUploadAnswers {

    /** A request that started and never answered (its replica died) frees its key after this. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

    /** What a keyed request may do. */
    sealed interface Claim {
    }

    /** The key is this request's: work, then {@link #answer} or {@link #release}. */
    record Claimed() implements Claim {
    }

    /** The same request was answered before: send that answer again. */
    record Answered(BulkUploads.Answer answer) implements Claim {
    }

    /** The key belongs to a different request. */
    record OtherRequest() implements Claim {
    }

    /** The same request is being worked on right now. */
    record InProgress() implements Claim {
    }

    private static final String DELETE_EXPIRED = """
            DELETE FROM bulk_upload_answers WHERE owner = $1 AND created_at < now() - make_interval(secs => $2)
            """;

    /** Takes a free key, or one whose request was abandoned; a key in use inserts nothing. */
    private static final String CLAIM = """
            INSERT INTO bulk_upload_answers (owner, idempotency_key, request_sha256) VALUES ($1, $2, $3)
            ON CONFLICT (owner, idempotency_key) DO UPDATE SET request_sha256 = EXCLUDED.request_sha256, created_at = now()
                WHERE bulk_upload_answers.answer IS NULL
                  AND bulk_upload_answers.created_at < now() - make_interval(secs => $4)
            RETURNING owner
            """;

    private static final String FIND = """
            SELECT request_sha256, status, location, answer FROM bulk_upload_answers WHERE owner = $1 AND idempotency_key = $2
            """;

    private static final String ANSWER = """
            UPDATE bulk_upload_answers SET status = $3, location = $4, answer = $5::jsonb
            WHERE owner = $1 AND idempotency_key = $2
            """;

    private static final String RELEASE = """
            DELETE FROM bulk_upload_answers WHERE owner = $1 AND idempotency_key = $2 AND answer IS NULL
            """;

    private final Pool pool;
    private final ObjectMapper json;
    private final CpuPool cpu;

    BulkUploadAnswers(Pool pool, ObjectMapper json, CpuPool cpu) {
        this.pool = pool;
        this.json = json;
        this.cpu = cpu;
    }

    Uni<Claim> claim(String owner, String key, String requestSha256, Duration window) {
        return pool.preparedQuery(DELETE_EXPIRED).execute(Tuple.of(owner, (double) window.toSeconds()))
                .chain(() -> pool.preparedQuery(CLAIM)
                        .execute(Tuple.of(owner, key, requestSha256, (double) ABANDONED_AFTER.toSeconds())))
                .chain(claimed -> claimed.rowCount() == 1
                        ? Uni.createFrom().item(new Claimed())
                        : pool.preparedQuery(FIND).execute(Tuple.of(owner, key))
                                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(new InProgress())
                                        : cpu.runAndReturn(() -> existing(rows.iterator().next(), requestSha256))));
    }

    private Claim existing(Row row, String requestSha256) {
        if (!row.getString("request_sha256").equals(requestSha256)) {
            return new OtherRequest();
        }
        if (row.getValue("answer") == null) {
            return new InProgress();
        }
        try {
            BulkUploadView view = json.readValue(row.getValue("answer").toString(), BulkUploadView.class);
            return new Answered(new BulkUploads.Answer(row.getInteger("status"), row.getString("location"), view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored bulk upload answer", e);
        }
    }

    Uni<Void> answer(String owner, String key, BulkUploads.Answer answer) {
        return cpu.runAndReturn(() -> written(answer.view()))
                .chain(body -> pool.preparedQuery(ANSWER)
                        .execute(Tuple.of(owner, key, (short) answer.status(), answer.location(), body)))
                .replaceWithVoid();
    }

    private String written(BulkUploadView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request that failed gives its key back, so that it can be sent again. */
    Uni<Void> release(String owner, String key) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(owner, key)).replaceWithVoid();
    }
}
