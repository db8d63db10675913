package dev.shortlist.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.LlmStubServer;
import dev.shortlist.support.PackagedApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM with clients waiting: an event stream ends with the job as it stands and a long
 * poll answers at once, so clients reconnect to another replica instead of hanging until
 * their own timeouts.
 */
class WatchersOnShutdownIT {

    private static final String KEY = "sl_watchers_shutdown_test_admin_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void onSigtermEventStreamsEndWithTheJobAsItStandsAndLongPollsAnswerAtOnce() throws Exception {
        // The model takes longer than the whole test: the job is still running when the replica stops.
        try (LlmStubServer stub = LlmStubServer.start(LlmStubServer.Options.defaults().withApiKey("sk-watch")
                        .withLatency(Duration.ofSeconds(50)));
                PackagedApp app = new PackagedApp(settings(stub))) {
            app.start();
            String id = submit(app);
            await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(job(app, id).path("status").asText()));

            CompletableFuture<HttpResponse<String>> stream = http.sendAsync(request(app, "/api/v1/jobs/" + id + "/events")
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> longPoll = http.sendAsync(request(app, "/api/v1/jobs/" + id)
                    .header("Prefer", "wait=60").build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> watchers(app) == 2);

            app.terminate();

            // Well under the long poll's 60 seconds and the model's 50: the shutdown ended both.
            HttpResponse<String> polled = longPoll.get(15, TimeUnit.SECONDS);
            assertThat(polled.statusCode()).isEqualTo(200);
            assertThat(polled.headers().firstValue("Preference-Applied")).hasValue("wait=60");
            assertThat(JSON.readTree(polled.body()).path("status").asText()).isEqualTo("running");
            HttpResponse<String> streamed = stream.get(15, TimeUnit.SECONDS);
            assertThat(streamed.statusCode()).isEqualTo(200);
            List<String> events = streamed.body().lines().filter(line -> line.startsWith("data:")).toList();
            assertThat(events).isNotEmpty();
            assertThat(JSON.readTree(events.get(events.size() - 1).substring(5)).path("status").asText()).isEqualTo("running");
            assertThat(app.awaitExit(Duration.ofSeconds(30))).as("the replica exited").isTrue();
        }
    }

    private static Map<String, String> settings(LlmStubServer stub) {
        Map<String, String> settings = PackagedApp.againstStub(stub, "sk-watch", KEY);
        settings.put("SHORTLIST_PIPELINE_DRAIN_TIMEOUT", "2s");
        return settings;
    }

    private String submit(PackagedApp app) throws Exception {
        String body = JSON.writeValueAsString(Map.of("type", "score", "resume", Map.of("text", "Java developer with Spring"),
                "jobDescription", Map.of("text", "Java and Spring")));
        HttpResponse<String> submitted = http.send(request(app, "/api/v1/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).isEqualTo(202);
        return JSON.readTree(submitted.body()).path("id").asText();
    }

    private JsonNode job(PackagedApp app, String id) throws Exception {
        return JSON.readTree(http.send(request(app, "/api/v1/jobs/" + id).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private double watchers(PackagedApp app) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("shortlist_watchers "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static HttpRequest.Builder request(PackagedApp app, String path) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", "Bearer " + KEY);
    }
}
