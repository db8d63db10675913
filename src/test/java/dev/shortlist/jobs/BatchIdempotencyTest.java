package dev.shortlist.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.support.JobDescriptions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on batches: a retried request creates one batch, however the retries arrive. */
@QuarkusTest
class BatchIdempotencyTest {

    @Inject
    Pool pool;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aRetriedRequestAnswersTheSameBatchAndCreatesNoOther() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = batch(3, "retry");

        Response first = submit(key, body);
        Response retry = submit(key, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(batchesUnder(key)).isOne();
        assertThat(childrenOf(first.jsonPath().getString("id"))).isEqualTo(3);
        delete(first.jsonPath().getString("id"));
    }

    @Test
    void concurrentRetriesCreateOneBatch() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String key = UUID.randomUUID().toString();
                // Big enough that the first insert is still running when the second arrives.
                Map<String, Object> body = batch(1_000, "concurrent " + round);
                CyclicBarrier start = new CyclicBarrier(2);
                List<CompletableFuture<Response>> answers = new ArrayList<>();
                for (int client = 0; client < 2; client++) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return submit(key, body);
                    }, clients));
                }
                Response one = answers.get(0).get(60, TimeUnit.SECONDS);
                Response other = answers.get(1).get(60, TimeUnit.SECONDS);

                assertThat(Set.of(one.statusCode(), other.statusCode())).isSubsetOf(Set.of(200, 202)).contains(202);
                assertThat(one.jsonPath().getString("id")).isEqualTo(other.jsonPath().getString("id"));
                assertThat(batchesUnder(key)).isOne();
                assertThat(childrenOf(one.jsonPath().getString("id"))).isEqualTo(1_000);
                delete(one.jsonPath().getString("id"));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIsTheConflictJobsGive() {
        String key = UUID.randomUUID().toString();
        String id = submit(key, batch(2, "original")).then().statusCode(202).extract().path("id");

        submit(key, batch(2, "changed")).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(jobConflictType()))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        Map<String, Object> otherPriority = new java.util.HashMap<>(batch(2, "original"));
        otherPriority.put("priority", "high");
        submit(key, otherPriority).then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));

        assertThat(batchesUnder(key)).isOne();
        given().get("/api/v1/batches/{id}", id).then().statusCode(200).body("total", equalTo(2));
        delete(id);
    }

    @Test
    void anUnusableKeyIsNamed() {
        submit("k".repeat(300), batch(1, "long key")).then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    /** The problem type a job submit answers when its Idempotency-Key is reused for another request. */
    private static String jobConflictType() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> job = Map.of("type", "score", "resume", Map.of("text", "Java"),
                "jobDescription", Map.of("text", "Java developer"));
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(job).post("/api/v1/jobs").then().statusCode(202);
        return given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("text", "Kotlin"), "jobDescription", Map.of("text", "Java developer")))
                .post("/api/v1/jobs").then().statusCode(422).extract().path("type");
    }

    private static Map<String, Object> batch(int resumes, String tag) {
        List<Map<String, Object>> items = new ArrayList<>(resumes);
        for (int i = 0; i < resumes; i++) {
            items.add(Map.of("externalId", "c-" + i, "text", "Java developer " + tag + " " + i + ". Spring Boot, SQL."));
        }
        return Map.of("type", "score", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER), "resumes", items);
    }

    private static Response submit(String key, Map<String, Object> body) {
        return given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/batches");
    }

    /** Leaves no queued work behind for the classes that run after. */
    private static void delete(String batch) {
        given().delete("/api/v1/batches/{id}", batch).then().statusCode(204);
    }

    private long batchesUnder(String key) {
        return pool.preparedQuery("SELECT count(*) FROM batches WHERE idempotency_key = $1").execute(Tuple.of(key))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private long childrenOf(String batch) {
        return pool.preparedQuery("SELECT count(*) FROM jobs WHERE batch_id = $1").execute(Tuple.of(UUID.fromString(batch)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
