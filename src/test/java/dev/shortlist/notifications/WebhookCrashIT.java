package dev.shortlist.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.PackagedApp;
import dev.shortlist.support.WebhookSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kill -9 loses no webhook: the service is killed while it is delivering, started again,
 * and every finished job is announced at least once, each always under the same id.
 */
class WebhookCrashIT {

    private static final int JOBS = 60;
    private static final String KEY = "sl_webhook_crash_admin_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedWhileDeliveringItAnnouncesEveryJobOnceStarted() throws Exception {
        try (WebhookSink sink = WebhookSink.start();
                PackagedApp first = new PackagedApp(settings());
                PackagedApp second = new PackagedApp(settings())) {
            // A slow receiver keeps deliveries in flight when the kill comes.
            sink.answerAfter(300);
            first.start();
            post(first, "/api/v1/webhooks", Map.of("url", sink.url(), "events", List.of("job.succeeded")));
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                jobs.add(post(first, "/api/v1/jobs", Map.of("type", "score",
                        "resume", Map.of("text", "Pastry chef " + i + ". Laminated doughs, plated desserts, food safety."),
                        "jobDescription", Map.of("text", "Pastry chef: plated desserts, food safety " + System.nanoTime()))));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.received().size() >= 5);
            first.kill();
            int receivedAtKill = announced(sink, jobs).size();
            assertThat(receivedAtKill).as("jobs announced before the kill").isLessThan(JOBS);

            second.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> announced(sink, jobs).size() == JOBS);

            for (String job : jobs) {
                Set<String> ids = sink.forJob(job).stream().map(WebhookSink.Received::id).collect(Collectors.toSet());
                assertThat(ids).as("webhook ids of job %s", job).hasSize(1);
            }
        }
    }

    private static Set<String> announced(WebhookSink sink, List<String> jobs) {
        return sink.received().stream().map(r -> r.json().path("data").path("jobId").asText())
                .filter(jobs::contains).collect(Collectors.toSet());
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY", KEY);
        settings.put("SHORTLIST_LIMITS_ENABLED", "false");
        settings.put("SHORTLIST_WEBHOOKS_ALLOW_HTTP", "true");
        settings.put("SHORTLIST_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1");
        settings.put("SHORTLIST_WEBHOOKS_POLL_INTERVAL", "200ms");
        settings.put("SHORTLIST_WEBHOOKS_INITIAL_DELAY", "500ms");
        // A delivery claimed by the killed process is due again this soon (three times the timeout).
        settings.put("SHORTLIST_WEBHOOKS_TIMEOUT", "2s");
        settings.put("SHORTLIST_WEBHOOKS_BATCH_SIZE", "4");
        return settings;
    }

    private String post(PackagedApp app, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
        return JSON.readTree(response.body()).get("id").asText();
    }
}
