package dev.shortlist.notifications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.support.WebhookSink;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as a client's receiver sees them: signed the Standard Webhooks way, retried
 * with the same id until accepted, a batch's completion announced once, and no endpoint
 * allowed into the service's own network.
 */
@QuarkusTest
class WebhookTest {

    private static final String ADMIN = "Bearer sl_test_admin_key_for_tests_only";
    private static final String JOB_DESCRIPTION = "Sous chef: menu planning, food safety, kitchen team leadership.";

    private WebhookSink sink;
    private String key;

    @BeforeEach
    void receiverAndKey() {
        sink = WebhookSink.start();
        key = "Bearer " + given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "webhook client")).post("/api/v1/admin/keys")
                .then().statusCode(201).extract().<String>path("key");
    }

    @AfterEach
    void stopReceiver() {
        sink.close();
    }

    @Test
    void aFinishedJobIsAnnouncedSignedWithTheEndpointsSecret() {
        JsonPath endpoint = register(sink.registration(List.of("job.succeeded")));
        String job = submit("Sous chef. Menu planning and food safety audits. " + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(30)).until(() -> !sink.forJob(job).isEmpty());

        WebhookSink.Received event = sink.forJob(job).get(0);
        assertThat(event.json().path("type").asText()).isEqualTo("job.succeeded");
        assertThat(event.json().path("data").path("status").asText()).isEqualTo("succeeded");
        assertThat(event.json().path("data").path("score").isInt()).isTrue();
        assertThat(event.json().toString()).as("no resume text travels in an event").doesNotContain("Menu planning");
        assertThat(event.signature()).isEqualTo(WebhookSignature.sign(endpoint.getString("secret"), event.id(),
                Long.parseLong(event.timestamp()), event.body()));
        assertThat(UUID.fromString(event.id())).isNotNull();
        given().header("Authorization", key).get("/api/v1/webhooks").then().statusCode(200)
                .body("[0].url", equalTo(sink.url())).body("[0].secret", equalTo(null));
    }

    @Test
    void aReceiverThatFailsGetsTheSameEventAgainUntilItAcceptsIt() {
        sink.failNext(2);
        String endpoint = register(sink.registration(List.of("job.succeeded"))).getString("id");
        String job = submit("Line cook. Grill and sauté stations. " + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.forJob(job).size() == 3);

        List<WebhookSink.Received> attempts = sink.forJob(job);
        assertThat(attempts).extracting(WebhookSink.Received::id).containsOnly(attempts.get(0).id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", key)
                .get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(200)
                .body("items.size()", equalTo(3))
                .body("items.statusCode", equalTo(List.of(204, 503, 503)))
                .body("items[0].attempt", equalTo(3)));
    }

    @Test
    void aBatchIsAnnouncedOnceWhenItsLastJobEnds() {
        register(sink.registration(List.of("batch.completed")));
        String batch = given().header("Authorization", key).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", JOB_DESCRIPTION),
                        "resumes", IntStream.range(0, 3).mapToObj(i -> Map.of("externalId", "c-" + i,
                                "text", "Chef de partie " + i + ". Food safety. " + UUID.randomUUID())).toList()))
                .post("/api/v1/batches").then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().stream()
                .anyMatch(r -> batch.equals(r.json().path("data").path("batchId").asText())));
        // Polls after completion find nothing new to announce.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> sink.received().size() == 1);

        WebhookSink.Received completed = sink.received().get(0);
        assertThat(completed.json().path("type").asText()).isEqualTo("batch.completed");
        assertThat(completed.json().path("data").path("total").asInt()).isEqualTo(3);
        assertThat(completed.json().path("data").path("succeeded").asInt()).isEqualTo(3);
    }

    @Test
    void endpointsIntoTheServicesOwnNetworkAreRefused() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.7/hook",
                "http://[::ffff:192.168.1.1]/hook", "http://0.0.0.0:9000/hook", "ftp://example.com/hook",
                "http://user:pw@127.0.0.1/hook")) {
            given().header("Authorization", key).contentType(ContentType.JSON).body(Map.of("url", url))
                    .post("/api/v1/webhooks").then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo("url"));
        }
        given().header("Authorization", key).contentType(ContentType.JSON)
                .body(Map.of("url", sink.url(), "events", List.of("job.started"))).post("/api/v1/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("events"));
    }

    @Test
    void anotherKeyCannotSeeOrDeleteAnEndpoint() {
        String endpoint = register(sink.registration(List.of("job.failed"))).getString("id");

        given().delete("/api/v1/webhooks/" + endpoint).then().statusCode(404);
        given().get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(404);
        given().header("Authorization", key).delete("/api/v1/webhooks/" + endpoint).then().statusCode(204);
        given().header("Authorization", key).get("/api/v1/webhooks").then().statusCode(200).body("size()", equalTo(0));
    }

    private JsonPath register(Map<String, Object> registration) {
        return given().header("Authorization", key).contentType(ContentType.JSON).body(registration)
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
    }

    private String submit(String resume) {
        return given().header("Authorization", key).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("text", resume), "jobDescription", Map.of("text", JOB_DESCRIPTION)))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("id");
    }
}
