package dev.shortlist.api;

import static dev.shortlist.support.JobFixtures.aQueuedJob;
import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.Priority;
import dev.shortlist.support.JobFixtures;
import dev.shortlist.support.Jobs;
import dev.shortlist.support.MovableClock;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing, cancel of queued jobs, idempotency and the queue cap, with jobs held in the queue (no pipeline). */
@QuarkusTest
@TestProfile(PipelineOffProfile.class)
class JobQueueApiTest {

    private static final String JD = "Java, Spring and PostgreSQL";

    @Inject
    Pool pool;

    @Inject
    JobWrites writes;

    @Inject
    MovableClock clock;

    /** Before: see only this test's jobs. After: leave no queued job for the next test's pipeline to run. */
    @BeforeEach
    @AfterEach
    void emptyQueue() {
        JobFixtures.clearJobs(pool);
        clock.reset();
    }

    @Test
    void cancellingAQueuedJobEndsItAtOnce() {
        String id = Jobs.submit(scoreRequest("Java developer", JD));

        given().post("/api/v1/jobs/{id}/cancel", id)
                .then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        given().get("/api/v1/jobs/{id}", id).then().body("status", equalTo("cancelled"));
    }

    @Test
    void cancellingAFinishedJobIsAConflict() {
        String id = Jobs.submit(scoreRequest("Java developer", JD));
        given().post("/api/v1/jobs/{id}/cancel", id).then().statusCode(200);

        given().post("/api/v1/jobs/{id}/cancel", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Job already ended"));
    }

    @Test
    void cancellingAnUnknownJobIsNotFound() {
        given().post("/api/v1/jobs/{id}/cancel", java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void sameIdempotencyKeyAndBodyGiveTheSameJob() {
        String key = "order-" + java.util.UUID.randomUUID();
        String first = submitWithKey(key, scoreRequest("Java developer", JD)).then().statusCode(202).extract().path("id");

        String again = submitWithKey(key, scoreRequest("Java developer", JD))
                .then().statusCode(200).extract().path("id");

        assertThat(again).isEqualTo(first);
        given().get("/api/v1/jobs?limit=200").then().body("items.size()", equalTo(1));
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefused() {
        String key = "order-" + java.util.UUID.randomUUID();
        submitWithKey(key, scoreRequest("Java developer", JD)).then().statusCode(202);

        submitWithKey(key, scoreRequest("Kotlin developer", JD))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void concurrentSubmitsAreEachStoredBeforeTheirAnswer() {
        var clients = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String resume = "Concurrent resume " + i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    String id = Jobs.submit(scoreRequest(resume, JD));
                    // Answered means stored: the job is there for the very next read.
                    given().get("/api/v1/jobs/{id}", id).then().statusCode(200).body("status", equalTo("queued"));
                    return id;
                }, clients));
            }
            List<String> ids = answers.stream().map(CompletableFuture::join).toList();

            assertThat(ids).doesNotHaveDuplicates().hasSize(200);
            assertThat(listIds("?limit=200")).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void concurrentSubmitsWithOneIdempotencyKeyMakeOneJob() {
        String key = "order-" + java.util.UUID.randomUUID();
        var clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<io.restassured.response.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> submitWithKey(key, scoreRequest("Java developer", JD)), clients));
            }
            List<io.restassured.response.Response> responses = answers.stream().map(CompletableFuture::join).toList();

            assertThat(responses).extracting(io.restassured.response.Response::statusCode).containsOnly(200, 202)
                    .filteredOn(status -> status == 202).hasSize(1);
            assertThat(responses.stream().map(response -> response.jsonPath().getString("id")).distinct()).hasSize(1);
            given().get("/api/v1/jobs?limit=200").then().body("items.size()", equalTo(1));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() {
        for (int i = 0; i < 299; i++) {
            aQueuedJob(writes, "local", Priority.BULK);
        }
        // A replica trusts a count under the cap for a second before it counts again.
        clock.advance(Duration.ofMillis(1100));
        Jobs.submit(scoreRequest("Java developer", JD));

        given().contentType(ContentType.JSON).body(scoreRequest("Java developer", JD))
                .when().post("/api/v1/jobs")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "30");
    }

    @Test
    void listingFiltersByStatusAndType() {
        String kept = Jobs.submit(scoreRequest("Java developer", JD));
        String cancelled = Jobs.submit(scoreRequest("Kotlin developer", JD));
        given().post("/api/v1/jobs/{id}/cancel", cancelled).then().statusCode(200);

        assertThat(listIds("?status=queued")).containsExactly(kept);
        assertThat(listIds("?status=cancelled")).containsExactly(cancelled);
        assertThat(listIds("?type=score")).containsExactly(cancelled, kept);
        assertThat(listIds("?type=tailor")).isEmpty();
        given().get("/api/v1/jobs?status=done").then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().get("/api/v1/jobs?limit=201").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().get("/api/v1/jobs?cursor=bogus").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void paginationNeitherSkipsNorRepeatsWhileJobsArrive() throws Exception {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            before.add(Jobs.submit(scoreRequest("Resume " + i, JD)));
        }
        AtomicBoolean paging = new AtomicBoolean(true);
        CompletableFuture<Integer> arrivals = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (paging.get()) {
                Jobs.submit(scoreRequest("Arrival " + n++, JD));
            }
            return n;
        });

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().get("/api/v1/jobs?limit=7" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        paging.set(false);
        assertThat(arrivals.get()).isPositive();

        // Every job that existed before paging began is seen exactly once, newest first.
        assertThat(seen).doesNotHaveDuplicates();
        List<String> expected = new ArrayList<>(before);
        java.util.Collections.reverse(expected);
        assertThat(seen.stream().filter(before::contains).toList()).isEqualTo(expected);
    }

    private static io.restassured.response.Response submitWithKey(String key, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).when().post("/api/v1/jobs");
    }

    private static List<String> listIds(String query) {
        return given().get("/api/v1/jobs" + query).then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }
}
