package dev.shortlist.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.JobFixtures;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/v1/jobs/{id}/retry: an owner runs their own failed or cancelled job again; the test plays the pipeline. */
@QuarkusTest
@TestProfile(PipelineOffProfile.class)
class JobRetryTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";
    private static final String REPLICA = "replica-retry-test";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    LeaseWrites leases;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    private String owner;

    @BeforeEach
    void freshOwner() {
        JobFixtures.clearJobs(pool);
        owner = createKey(Map.of());
    }

    @Test
    void ownerRetriesAFailedJobAndItRunsAgainFromTheFirstAttempt() {
        String id = submit(owner, "Java developer " + UUID.randomUUID());
        runAndFail();
        JsonPath failed = job(owner, id);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getInt("attempts")).isEqualTo(1);

        JsonPath retried = as(owner).post("/api/v1/jobs/{id}/retry", id).then().statusCode(200).extract().jsonPath();
        assertThat(retried.getString("status")).isEqualTo("queued");
        assertThat(retried.getInt("attempts")).isZero();
        assertThat(retried.getString("finishedAt")).isNull();
        assertThat(job(owner, id).getString("status")).isEqualTo("queued");

        // The pipeline takes it again, and this time it succeeds.
        List<Job> claimed = leases.claim(10, REPLICA, Duration.ofSeconds(30), 1_000, Duration.ZERO).await().atMost(WAIT);
        assertThat(claimed).extracting(Job::id).containsExactly(UUID.fromString(id));
        assertThat(claimed.get(0).attempts()).isEqualTo(1);
        assertThat(leases.succeed(claimed.get(0).id(), REPLICA, claimed.get(0).attempts(), JobFixtures.aScoreResult(80), LlmUsage.none("local", "test")).await().atMost(WAIT))
                .isTrue();
        assertThat(job(owner, id).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void ownerRetriesACancelledJob() {
        String id = submit(owner, "Java developer " + UUID.randomUUID());
        as(owner).post("/api/v1/jobs/{id}/cancel", id).then().statusCode(200).body("status", equalTo("cancelled"));

        as(owner).post("/api/v1/jobs/{id}/retry", id).then().statusCode(200).body("status", equalTo("queued"));
    }

    @Test
    void onlyAFailedOrCancelledJobIsRetried() {
        String queued = submit(owner, "Java developer " + UUID.randomUUID());
        as(owner).post("/api/v1/jobs/{id}/retry", queued).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("job-not-retryable"))
                .body("detail", org.hamcrest.Matchers.containsString("queued"));

        runAndFail();
        as(owner).post("/api/v1/jobs/{id}/retry", queued).then().statusCode(200);
        // Retrying again is refused: the job is queued once, not twice.
        as(owner).post("/api/v1/jobs/{id}/retry", queued).then().statusCode(409);
    }

    @Test
    void theSameRetrySentAgainWithItsIdempotencyKeyRunsTheJobOnce() {
        // Room for the submit and two retries: the repeats must take none of it.
        String limited = createKey(Map.of("jobsPerDay", 3));
        String id = submit(limited, "Java developer " + UUID.randomUUID());
        runAndFail();
        String key = "retry-" + UUID.randomUUID();

        as(limited).header("Idempotency-Key", key).post("/api/v1/jobs/{id}/retry", id).then().statusCode(200)
                .body("status", equalTo("queued"));
        // Sent again (a lost answer, say): the job as it stands, not a second retry.
        as(limited).header("Idempotency-Key", key).post("/api/v1/jobs/{id}/retry", id).then().statusCode(200)
                .body("status", equalTo("queued"));
        runAndFail();
        as(limited).header("Idempotency-Key", key).post("/api/v1/jobs/{id}/retry", id).then().statusCode(200)
                .body("status", equalTo("failed"));
        assertThat(job(limited, id).getString("status")).isEqualTo("failed");

        // A new key is a new retry, the last the quota has room for.
        as(limited).header("Idempotency-Key", "retry-" + UUID.randomUUID()).post("/api/v1/jobs/{id}/retry", id)
                .then().statusCode(200).body("status", equalTo("queued"));
        // Without a key, retrying a queued job is refused.
        as(limited).post("/api/v1/jobs/{id}/retry", id).then().statusCode(409);
        as(limited).header("Idempotency-Key", "k".repeat(201)).post("/api/v1/jobs/{id}/retry", id).then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void anotherOwnersJobIsNotFound() {
        String id = submit(owner, "Java developer " + UUID.randomUUID());
        runAndFail();
        String stranger = createKey(Map.of());

        as(stranger).post("/api/v1/jobs/{id}/retry", id).then().statusCode(404).contentType("application/problem+json");
        as(stranger).post("/api/v1/jobs/{id}/retry", UUID.randomUUID()).then().statusCode(404);
        assertThat(job(owner, id).getString("status")).as("untouched by the stranger").isEqualTo("failed");
    }

    @Test
    void aRetryCountsAgainstTheDailyQuotaAndIsAudited() {
        String limited = createKey(Map.of("jobsPerDay", 2));
        String id = submit(limited, "Java developer " + UUID.randomUUID());
        runAndFail();

        as(limited).post("/api/v1/jobs/{id}/retry", id).then().statusCode(200);
        runAndFail();
        // Two jobs' worth of the day used (the submit and the first retry): the next retry is refused.
        as(limited).post("/api/v1/jobs/{id}/retry", id).then().statusCode(429).contentType("application/problem+json");
        assertThat(job(limited, id).getString("status")).isEqualTo("failed");

        given().auth().oauth2(ADMIN).get("/api/v1/admin/audit?kind=job_retried&limit=200").then().statusCode(200)
                .body("items.detail.jobId", hasItem(id));
    }

    /** Claims every queued job as a pipeline would and fails each for good. */
    private void runAndFail() {
        for (Job job : leases.claim(100, REPLICA, Duration.ofSeconds(30), 1_000, Duration.ZERO).await().atMost(WAIT)) {
            assertThat(leases.fail(job.id(), REPLICA, job.attempts(), new JobError("invalid_output", "the model broke the schema", false))
                    .await().atMost(WAIT)).isTrue();
        }
    }

    private static String submit(String key, String resume) {
        return as(key).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("text", resume), "jobDescription", Map.of("text", "Java")))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static JsonPath job(String key, String id) {
        return as(key).get("/api/v1/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key);
    }

    private static String createKey(Map<String, Object> limits) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "retry-" + UUID.randomUUID(), "limits", limits))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("key");
    }
}
