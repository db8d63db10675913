package dev.shortlist.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.PackagedApp;
import dev.shortlist.support.SmtpSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * kill -9 loses no completion email: batches complete while the mail server is down, the
 * service is killed with their emails owed, and after a restart (and the mail server's)
 * every address gets its email, once.
 */
class BatchEmailCrashIT {

    private static final int BATCHES = 3;
    private static final String KEY = "sl_email_crash_admin_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedWithEmailsOwedItSendsEachOnceAfterARestart() throws Exception {
        SmtpSink smtp = SmtpSink.instance();
        smtp.stop();
        try (PackagedApp first = new PackagedApp(settings(smtp)); PackagedApp second = new PackagedApp(settings(smtp))) {
            first.start();
            Map<String, String> recipientOfBatch = new HashMap<>();
            for (int i = 0; i < BATCHES; i++) {
                String recipient = "recruiter-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                recipientOfBatch.put(submit(first, recipient, i), recipient);
            }
            // Every batch completed and its email failed at least once: owed, and only in the database.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> recipientOfBatch.keySet()
                    .stream().allMatch(batch -> emailOf(first, batch).path("attempts").asInt() >= 1));
            first.kill();

            smtp.start();
            second.start();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> recipientOfBatch.keySet()
                    .stream().allMatch(batch -> "sent".equals(emailOf(second, batch).path("status").asText())));

            recipientOfBatch.forEach((batch, recipient) -> {
                List<SmtpSink.Message> received = smtp.messagesTo(recipient);
                assertThat(received).as("emails to %s", recipient).hasSize(1);
                assertThat(received.get(0).text()).contains("Batch id:   " + batch);
            });
        } finally {
            smtp.stop();
        }
    }

    private static Map<String, String> settings(SmtpSink smtp) {
        Map<String, String> settings = new HashMap<>();
        settings.put("SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY", KEY);
        settings.put("SHORTLIST_LIMITS_ENABLED", "false");
        settings.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        settings.put("QUARKUS_MAILER_PORT", String.valueOf(smtp.port()));
        settings.put("SHORTLIST_EMAIL_POLL_INTERVAL", "200ms");
        settings.put("SHORTLIST_EMAIL_INITIAL_DELAY", "500ms");
        settings.put("SHORTLIST_EMAIL_MAX_DELAY", "1s");
        // An email claimed by the killed process is due again this soon (twice the timeout).
        settings.put("SHORTLIST_EMAIL_TIMEOUT", "2s");
        return settings;
    }

    private String submit(PackagedApp app, String recipient, int n) throws Exception {
        Map<String, Object> batch = Map.of("type", "score",
                "jobDescription", Map.of("text", "Pastry chef: plated desserts, food safety " + System.nanoTime()),
                "resumes", List.of(Map.of("externalId", "p-" + n, "text", "Pastry chef " + n + ". Laminated doughs."),
                        Map.of("externalId", "q-" + n, "text", "Line cook " + n + ". Grill station, food safety.")),
                "notify", Map.of("email", List.of(recipient)));
        HttpResponse<String> response = http.send(request(app, "/api/v1/batches")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(batch))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** The batch's one email as the API shows it. */
    private JsonNode emailOf(PackagedApp app, String batch) {
        try {
            HttpResponse<String> response = http.send(request(app, "/api/v1/batches/" + batch + "/emails").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(PackagedApp app, String path) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", "Bearer " + KEY);
    }
}
