package dev.shortlist.api;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.shortlist.support.Jobs;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients that wait for jobs without polling: long polls, many jobs in one read, many event streams. */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
class WaitingForJobsTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";
    private static final String JD = "Java, Spring and PostgreSQL";

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void fastStubAgain() {
        LlmStubResource.stub().options(LlmStubServer.Options.defaults().withApiKey(LlmStubResource.API_KEY));
    }

    @Test
    void aLongPollAnswersOnceTheJobHasEnded() {
        slowStub(Duration.ofMillis(800));
        String id = Jobs.submit(scoreRequest("Java developer with Spring, long poll", JD));

        given().header("Prefer", "wait=20").get("/api/v1/jobs/{id}", id)
                .then().statusCode(200)
                .header("Preference-Applied", "wait=20")
                .body("status", equalTo("succeeded"))
                .body("result.score", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aLongPollWhoseWaitRunsOutAnswersTheJobAsItStands() {
        slowStub(Duration.ofMillis(1800));
        String id = Jobs.submit(scoreRequest("Java developer with Spring, short wait", JD));

        String status = given().header("Prefer", "wait=1").get("/api/v1/jobs/{id}", id)
                .then().statusCode(200).header("Preference-Applied", "wait=1")
                .extract().path("status");

        assertThat(status).isIn("queued", "running");
        awaitEnd(id);
    }

    @Test
    void aWaitAboveSixtySecondsIsCappedAndTheAnswerSaysSo() {
        String id = Jobs.submit(scoreRequest("Java developer, ended", JD));
        awaitEnd(id);

        given().header("Prefer", "respond-async, wait=600").get("/api/v1/jobs/{id}", id)
                .then().statusCode(200).header("Preference-Applied", "wait=60").body("status", equalTo("succeeded"));
        given().get("/api/v1/jobs/{id}", id).then().statusCode(200).header("Preference-Applied", nullValue());
    }

    @Test
    void aWaitThatIsNotANumberOfSecondsIsRefusedNamingTheHeader() {
        String id = Jobs.submit(scoreRequest("Java developer, bad wait", JD));

        given().header("Prefer", "wait=soon").get("/api/v1/jobs/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Prefer"));
    }

    @Test
    void aLongPollOnAnotherCallersJobIsNotFound() {
        String id = Jobs.submit(scoreRequest("Java developer, someone else's", JD));

        given().auth().oauth2(createKey()).header("Prefer", "wait=5").get("/api/v1/jobs/{id}", id)
                .then().statusCode(404);
    }

    @Test
    void manyJobsAreReadAtOnceInTheOrderAskedLeavingOutOthersAndUnknownIds() {
        String first = Jobs.submit(scoreRequest("Java developer one", JD));
        String second = Jobs.submit(scoreRequest("Java developer two", JD));
        String others = given().auth().oauth2(createKey()).contentType(ContentType.JSON)
                .body(scoreRequest("Java developer, another caller", JD)).post("/api/v1/jobs")
                .then().statusCode(202).extract().path("id");

        List<String> ids = given().queryParam("ids", String.join(",", second, others, UUID.randomUUID().toString(), first))
                .get("/api/v1/jobs").then().statusCode(200).body("nextCursor", nullValue())
                .extract().jsonPath().getList("items.id");

        assertThat(ids).containsExactly(second, first);
    }

    @Test
    void manyJobsReadsRefuseMoreThanAHundredIdsBadIdsAndOtherFilters() {
        String tooMany = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString()).collect(Collectors.joining(","));
        given().queryParam("ids", tooMany).get("/api/v1/jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("ids"));
        given().queryParam("ids", "not-an-id").get("/api/v1/jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("ids"));
        given().queryParam("ids", UUID.randomUUID().toString()).queryParam("status", "queued").get("/api/v1/jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("ids"));
    }

    @Test
    void manyEventStreamsOnOneJobEachEndWithItsResult() throws Exception {
        slowStub(Duration.ofMillis(800));
        String id = Jobs.submit(scoreRequest("Java developer with Spring, watched by many", JD));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build();

        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            streams.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> stream : streams) {
            HttpResponse<String> response = stream.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            List<String> data = response.body().lines().filter(line -> line.startsWith("data:")).toList();
            assertThat(data).isNotEmpty();
            assertThat(data.get(data.size() - 1)).contains("\"status\":\"succeeded\"").contains("\"score\"");
        }
    }

    private static String createKey() {
        Response created = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "another caller " + UUID.randomUUID(), "role", "user"))
                .post("/api/v1/admin/keys");
        return created.then().statusCode(201).extract().path("key");
    }

    private static void slowStub(Duration latency) {
        LlmStubResource.stub().options(LlmStubServer.Options.defaults().withApiKey(LlmStubResource.API_KEY).withLatency(latency));
    }
}
