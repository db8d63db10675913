package dev.shortlist.llm;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static dev.shortlist.support.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.LlmOutageProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The remote model at its worst: 30 % of calls answer 500, 10 % answer 429 with
 * {@code Retry-After: 1}, 5 % hang, and in the middle of the run the model is down
 * altogether. Every job still succeeds on the model, none spends an attempt on the
 * outage, and while it lasts the waiting jobs say what they wait for. The outage lasts
 * {@code -Dshortlist.test.outage-seconds} (default 5; bench/llm runs the full 60 s), and at
 * least until a waiting job has been seen, however slow the machine.
 */
@QuarkusTest
@TestProfile(LlmOutageProfile.class)
class OutageRideThroughTest {

    private static final int JOBS = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("shortlist.test.outage-seconds", 5));

    @Test
    void twoHundredJobsAllSucceedThroughAFaultStormAndATotalOutage() {
        LlmStubServer stub = LlmStubResource.freshStub();
        stub.options(LlmStubServer.Options.defaults().withApiKey(LlmStubResource.API_KEY).withFaults(0.30, 0.10, 1, 0.05));

        List<String> ids = new ArrayList<>();
        IntStream.range(0, JOBS / 2).forEach(i -> ids.add(submitOne(i)));
        // The outage starts with half the jobs submitted and the pipeline busy on them.
        stub.beginOutage();
        long outageStart = System.nanoTime();
        IntStream.range(JOBS / 2, JOBS).forEach(i -> ids.add(submitOne(i)));

        JsonPath waiting = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().queryParam("status", "queued").queryParam("limit", 200).get("/api/v1/jobs")
                        .then().statusCode(200).extract().jsonPath(),
                        page -> page.getList("items.waitingFor").contains("model"));
        Map<String, Object> aWaitingJob = waiting.getList("items", Map.class).stream()
                .filter(item -> "model".equals(item.get("waitingFor"))).findFirst().orElseThrow();
        assertThat(aWaitingJob.get("waitingSince")).isNotNull();
        await().atMost(OUTAGE.plusSeconds(1)).until(() -> System.nanoTime() - outageStart >= OUTAGE.toNanos());
        stub.endOutage();

        Map<String, Integer> byStatus = new HashMap<>();
        List<JsonPath> ended = new ArrayList<>();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ended.clear();
            for (String id : ids) {
                JsonPath job = given().get("/api/v1/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
                if (!List.of("queued", "running").contains(job.getString("status"))) {
                    ended.add(job);
                }
            }
            return ended.size() == JOBS;
        });
        ended.forEach(job -> byStatus.merge(job.getString("status"), 1, Integer::sum));

        assertThat(byStatus).containsExactly(Map.entry("succeeded", JOBS));
        assertThat(ended).allSatisfy(job -> {
            assertThat(job.getString("result.engine")).isEqualTo("openai");
            assertThat(job.getInt("attempts")).as("waiting for the model spends no attempt").isEqualTo(1);
            assertThat(job.getString("waitingFor")).isNull();
        });
        List<Integer> statuses = stub.received().stream().map(LlmStubServer.Received::status).toList();
        assertThat(statuses).contains(500, 429, 503, 0);
        assertThat(stub.requestCount()).as("every job needed the model at least once").isGreaterThan(JOBS);
    }

    @Inject
    Pool pool;

    @Test
    void aJobStillWaitingForTheModelWhenItsDeadlinePassesFailsWithThatReason() {
        LlmStubServer stub = LlmStubResource.freshStub();
        stub.beginOutage();
        try {
            String id = submitOne(-1);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "model".equals(given().get("/api/v1/jobs/{id}", id).then().extract().path("waitingFor")));
            // As if it had been submitted a day and an hour ago (shortlist.llm.job-deadline is 24h).
            pool.preparedQuery("UPDATE jobs SET created_at = created_at - interval '25 hours' WHERE id = $1")
                    .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));

            JsonPath job = awaitEnd(id);

            assertThat(job.getString("status")).isEqualTo("failed");
            assertThat(job.getString("error.code")).isEqualTo("deadline_exceeded");
            assertThat(job.getBoolean("error.retryable")).isFalse();
            assertThat(job.getInt("attempts")).isEqualTo(1);
        } finally {
            stub.endOutage();
        }
    }

    private static String submitOne(int i) {
        return submit(scoreRequest("Robin Diaz — Backend Engineer\n- Built Java services on PostgreSQL, candidate " + i
                + "\nRef " + UUID.randomUUID(), JobDescriptions.JAVA_DEVELOPER));
    }
}
