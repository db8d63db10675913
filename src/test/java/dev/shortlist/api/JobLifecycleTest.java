package dev.shortlist.api;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.Jobs;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jobs that take time (the stub model answers slowly): live events and cancel while running. */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
class JobLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JD = "Java, Spring and PostgreSQL";

    @AfterEach
    void fastStubAgain() {
        LlmStubResource.stub().options(LlmStubServer.Options.defaults().withApiKey(LlmStubResource.API_KEY));
    }

    @Test
    void eventsFollowTheJobUntilItEndsThenTheStreamCompletes() throws Exception {
        slowStub(Duration.ofMillis(800));
        String id = Jobs.submit(scoreRequest("Java developer with Spring", JD));

        String stream = given().accept("text/event-stream").get("/api/v1/jobs/{id}/events", id)
                .then().statusCode(200).extract().asString();

        List<JsonNode> events = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data:")) {
                events.add(JSON.readTree(line.substring(5)));
            }
        }
        List<String> statuses = events.stream().map(event -> event.get("status").asText()).toList();
        assertThat(statuses).last().isEqualTo("succeeded");
        assertThat(statuses).contains("running");
        assertThat(statuses).isSubsetOf("queued", "running", "succeeded");
        assertThat(statuses.indexOf("running")).isLessThan(statuses.indexOf("succeeded"));
        assertThat(events.get(events.size() - 1).get("result").get("score").asInt()).isBetween(0, 100);
    }

    @Test
    void eventsOfAnEndedJobAreItsFinalStateAlone() {
        String id = Jobs.submit(scoreRequest("Java developer", JD));
        awaitEnd(id);

        String stream = given().accept("text/event-stream").get("/api/v1/jobs/{id}/events", id).asString();

        assertThat(stream.lines().filter(line -> line.startsWith("data:")).count()).isEqualTo(1);
        assertThat(stream).contains("\"status\":\"succeeded\"");
    }

    @Test
    void eventsOfAnUnknownJobAreNotFound() {
        given().accept("text/event-stream").get("/api/v1/jobs/{id}/events", java.util.UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void cancellingARunningJobStopsItAndItNeverSucceeds() {
        // Slow, but within the profile's 2 s call timeout: the abandoned call must not be retried.
        slowStub(Duration.ofMillis(1500));
        String id = Jobs.submit(scoreRequest("Java developer, cancelled mid-run", JD));
        await().atMost(Duration.ofSeconds(10)).until(
                () -> "running".equals(given().get("/api/v1/jobs/{id}", id).path("status")));

        given().post("/api/v1/jobs/{id}/cancel", id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("cancelled"));

        // Once the pipeline has let the work go (nothing runs here any more), nothing can write it: still cancelled.
        await().atMost(Duration.ofSeconds(10)).until(() -> Jobs.runningHere() == 0);
        JsonPath after = given().get("/api/v1/jobs/{id}", id).jsonPath();
        assertThat(after.getString("status")).isEqualTo("cancelled");
        assertThat(after.getString("result")).isNull();
    }

    private static void slowStub(Duration latency) {
        LlmStubResource.stub().options(LlmStubServer.Options.defaults().withApiKey(LlmStubResource.API_KEY).withLatency(latency));
    }
}
