package dev.shortlist.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch followed live: server-sent events of its counts and progress, sent at each
 * change, ending with the completed batch. On the remote-model profile, whose quota of a
 * few calls every two seconds makes a small batch take long enough to watch.
 */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
class BatchEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void freshStub() {
        LlmStubResource.freshStub();
    }

    @Test
    void theStreamShowsProgressRisingUntilTheBatchCompletes() throws Exception {
        String batch = given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Accountant: reconciliations, IFRS, audits."),
                        "resumes", IntStream.range(0, 8).mapToObj(i -> Map.of("externalId", "acc-" + i,
                                "text", "Staff accountant " + i + ". Month-end reconciliations. " + UUID.randomUUID())).toList()))
                .post("/api/v1/batches").then().statusCode(202).extract().path("id");

        String stream = given().accept("text/event-stream").get("/api/v1/batches/{id}/events", batch)
                .then().statusCode(200).extract().asString();

        List<JsonNode> events = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data:")) {
                events.add(JSON.readTree(line.substring(5)));
            }
        }
        List<Integer> progress = events.stream().map(event -> event.get("progress").asInt()).toList();
        assertThat(events).hasSizeGreaterThan(2);
        // Progress never goes back, and every event is a change (of progress or of the counts by state).
        assertThat(progress).isSorted().last().isEqualTo(100);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i)).as("event %d repeats the one before", i).isNotEqualTo(events.get(i - 1));
        }
        assertThat(progress.get(0)).isLessThan(100);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("completed");
        assertThat(last.get("counts").get("succeeded").asInt()).isEqualTo(8);
    }

    @Test
    void anUnknownBatchIsA404ProblemNotAStream() {
        given().accept("text/event-stream").get("/api/v1/batches/{id}/events", UUID.randomUUID())
                .then().statusCode(404).contentType(containsString("application/problem+json"));
        given().accept("text/event-stream").get("/api/v1/batches/not-an-id/events")
                .then().statusCode(404);
    }
}
