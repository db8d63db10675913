package dev.shortlist.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A batch cancel ends every unfinished child in one statement, while the pipeline's own
 * multi-row writes (claims, lease renewals, grouped completions) lock some of the same rows
 * in another order. PostgreSQL breaks such a deadlock by aborting one side; when that is
 * the cancel, the caller must still get its cancel, not a 500.
 */
@QuarkusTest
@TestProfile(PipelineOffProfile.class)
class BatchCancelContentionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SCENARIOS = 5;

    @Inject
    Pool pool;

    @Test
    void cancelThatDeadlocksWithAPipelineWriteStillCancelsTheBatch() {
        // PostgreSQL aborts whichever side checks for the deadlock first, normally the cancel
        // (it waited first); on a slow machine the other side may check first instead, so the
        // scenario repeats until the cancel has been the one aborted.
        boolean cancelWasAborted = false;
        for (int scenario = 0; scenario < SCENARIOS && !cancelWasAborted; scenario++) {
            cancelWasAborted = cancelDeadlockingWithAnotherWrite();
        }
        assertThat(cancelWasAborted).as("in one of %d tries the deadlock aborted the cancel's transaction", SCENARIOS).isTrue();
    }

    /** One collision; true when PostgreSQL chose the cancel as the deadlock's victim. */
    private boolean cancelDeadlockingWithAnotherWrite() {
        String batchId = submitBatchOfTwo();
        List<UUID> children = childrenInScanOrder(batchId);
        UUID first = children.get(0);
        UUID second = children.get(1);

        SqlConnection other = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction otherWrite = other.begin().await().atMost(WAIT);
            touch(other, second).await().atMost(WAIT);

            CompletableFuture<Response> cancel = CompletableFuture.supplyAsync(
                    () -> given().post("/api/v1/batches/{id}/cancel", batchId).then().extract().response());
            // The cancel has ended the first child and now waits for the second, which this write holds.
            await().atMost(WAIT).until(this::aCancelWaitsForARowLock);
            assertThat(lockedElsewhere(first)).as("the cancel holds the first child while it waits").isTrue();

            boolean otherWriteWon;
            try {
                touch(other, first).await().atMost(WAIT);
                otherWrite.commit().await().atMost(WAIT);
                otherWriteWon = true;
            } catch (PgException deadlock) {
                assertThat(deadlock.getSqlState()).isEqualTo("40P01");
                otherWrite.rollback().await().atMost(WAIT);
                otherWriteWon = false;
            }

            Response answer = cancel.join();
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
            assertThat(answer.jsonPath().getString("status")).isEqualTo("cancelled");
            assertThat(answer.jsonPath().getInt("counts.cancelled")).isEqualTo(2);
            return otherWriteWon;
        } finally {
            other.close().await().atMost(WAIT);
        }
    }

    private String submitBatchOfTwo() {
        List<Map<String, Object>> resumes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            resumes.add(Map.of("externalId", "candidate-" + i, "text", "Java developer, " + (i + 3) + " years of Spring Boot"));
        }
        return given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER), "resumes", resumes))
                .when().post("/api/v1/batches")
                .then().statusCode(202).extract().path("id");
    }

    /** The children in the order a statement filtering on batch_id visits them: the heap's. */
    private List<UUID> childrenInScanOrder(String batchId) {
        List<UUID> ids = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT id FROM jobs WHERE batch_id = $1 ORDER BY ctid")
                .execute(Tuple.of(UUID.fromString(batchId))).await().atMost(WAIT)) {
            ids.add(row.getUUID("id"));
        }
        assertThat(ids).hasSize(2);
        return ids;
    }

    private static Uni<?> touch(SqlConnection connection, UUID job) {
        return connection.preparedQuery("UPDATE jobs SET updated_at = updated_at WHERE id = $1").execute(Tuple.of(job));
    }

    private boolean aCancelWaitsForARowLock() {
        return pool.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                  AND query LIKE 'UPDATE jobs%status = ''cancelled''%'
                """).execute().await().atMost(WAIT).iterator().next().getLong(0) > 0;
    }

    /** Whether another transaction holds this job's row lock, asked without waiting for it. */
    private boolean lockedElsewhere(UUID job) {
        try {
            pool.preparedQuery("SELECT id FROM jobs WHERE id = $1 FOR UPDATE NOWAIT").execute(Tuple.of(job)).await().atMost(WAIT);
            return false;
        } catch (PgException e) {
            assertThat(e.getSqlState()).as("lock not available").isEqualTo("55P03");
            return true;
        }
    }
}
