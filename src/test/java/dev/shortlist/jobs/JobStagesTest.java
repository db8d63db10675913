package dev.shortlist.jobs;

import static dev.shortlist.support.Jobs.scoreRequest;
import static dev.shortlist.support.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.platform.quota.LlmQuota;
import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import dev.shortlist.support.LlmStubServer.Held;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A running job says what it is doing: while the model's answer is awaited the job view and
 * its event stream show stage {@code model_call} and its progress, and yet the job's row is
 * not written between the claim and the end; a stage announced by the replica running a job
 * shows on the others.
 */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
class JobStagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LlmQuota quota;

    @Test
    void aJobAwaitingTheModelIsInStageModelCallInItsViewAndItsEventsWithoutARowWrite() throws Exception {
        Held held = new Held();
        String id = heldInModelCall(held);

        JsonPath running = given().get("/api/v1/jobs/{id}", id).jsonPath();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> streamEnded = follow(id, events);
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        JsonNode firstEvent = events.get(0);
        Row row = row(id);

        assertThat(running.getString("status")).isEqualTo("running");
        assertThat(running.getInt("progress")).isEqualTo(JobStage.MODEL_CALL.progress());
        assertThat(firstEvent.path("status").asText()).isEqualTo("running");
        assertThat(firstEvent.path("stage").asText()).isEqualTo("model_call");
        assertThat(firstEvent.path("progress").asInt()).isEqualTo(JobStage.MODEL_CALL.progress());
        assertThat(row.progress()).as("the stored progress").isZero();
        assertThat(row.updatedAt()).as("the row was last written by the claim").isEqualTo(row.startedAt());

        held.release();
        streamEnded.get(30, java.util.concurrent.TimeUnit.SECONDS);

        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("status").asText()).isEqualTo("succeeded");
        assertThat(last.path("progress").asInt()).isEqualTo(100);
        assertThat(last.path("stage").isNull()).isTrue();
        assertThat(last.path("result").path("engine").asText()).isEqualTo("openai");
        JsonPath ended = given().get("/api/v1/jobs/{id}", id).jsonPath();
        assertThat(ended.getString("status")).isEqualTo("succeeded");
        assertThat(ended.getString("stage")).isNull();
    }

    @Test
    void aStageAnnouncedByTheReplicaRunningTheJobShowsOnThisOne() throws Exception {
        Held held = new Held();
        String id = heldInModelCall(held);
        int attempt = given().get("/api/v1/jobs/{id}", id).path("attempts");
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> streamEnded = follow(id, events);
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());

        // What another replica sends when a job it runs reaches a stage: its mark, then one line a job.
        notify("shortlist_job_stages", "another-replica\n" + id + " " + attempt + " writing");

        await().atMost(Duration.ofSeconds(10)).until(() -> "writing".equals(given().get("/api/v1/jobs/{id}", id).path("stage")));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(event -> "writing".equals(event.path("stage").asText())));
        assertThat(given().get("/api/v1/jobs/{id}", id).jsonPath().getInt("progress")).isEqualTo(JobStage.WRITING.progress());
        held.release();
        streamEnded.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events.get(events.size() - 1).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aJobThatIsNotRunningHasNoStage() {
        LlmStubResource.freshStub();
        String id = submit(scoreRequest("Lee Ray\nJava developer\nRef " + UUID.randomUUID(), JobDescriptions.JAVA_DEVELOPER));

        JsonPath ended = dev.shortlist.support.Jobs.awaitEnd(id);

        assertThat(ended.getString("status")).isEqualTo("succeeded");
        assertThat(ended.getMap("")).containsKey("stage");
        assertThat(ended.getString("stage")).isNull();
    }

    /** Submits a score job whose model calls the stub holds until {@code held} is released; answers once it is in model_call. */
    private String heldInModelCall(Held held) {
        LlmStubServer stub = LlmStubResource.freshStub();
        // The profile's quota (three calls in two seconds) free, so the job is not sent back to the queue to wait.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Long recent = quota.usage().await().atMost(Duration.ofSeconds(5)).requestsThisMinute();
            return recent != null && recent == 0;
        });
        // Each attempt the profile's short call timeout allows is held until the test releases them all.
        stub.enqueue(held, new Held(held.gate()), new Held(held.gate()));
        String id = submit(scoreRequest("Kim Ode\nBackend Engineer\n- Built Java services on PostgreSQL\nRef " + UUID.randomUUID(),
                JobDescriptions.JAVA_DEVELOPER));
        await().atMost(Duration.ofSeconds(20)).until(() -> "model_call".equals(given().get("/api/v1/jobs/{id}", id).path("stage")));
        return id;
    }

    /** Reads the job's event stream as it comes, each event into {@code events}; completes when the stream ends. */
    private static CompletableFuture<Void> follow(String id, List<JsonNode> events) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAcceptAsync(response -> response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
                    try {
                        events.add(JSON.readTree(line.substring(5)));
                    } catch (Exception e) {
                        throw new IllegalStateException("an event that is not JSON: " + line, e);
                    }
                }));
    }

    private record Row(int progress, java.time.OffsetDateTime startedAt, java.time.OffsetDateTime updatedAt) {
    }

    private static void notify(String channel, String payload) throws Exception {
        try (Connection connection = connect(); PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, payload);
            notify.execute();
        }
    }

    private static Connection connect() throws Exception {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
    }

    private static Row row(String id) throws Exception {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT progress, started_at, updated_at FROM jobs WHERE id = ?")) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet found = select.executeQuery()) {
                assertThat(found.next()).isTrue();
                return new Row(found.getInt(1), found.getObject(2, java.time.OffsetDateTime.class),
                        found.getObject(3, java.time.OffsetDateTime.class));
            }
        }
    }
}
