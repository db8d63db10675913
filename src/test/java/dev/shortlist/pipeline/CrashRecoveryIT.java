package dev.shortlist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.LlmStubServer;
import dev.shortlist.support.PackagedApp;
import dev.shortlist.support.SucceededAnnouncements;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of work loses nothing: the packaged application runs 200 jobs
 * against a slow model, is killed while jobs are running, and is started again; every
 * job ends succeeded, and each was marked succeeded exactly once.
 */
class CrashRecoveryIT {

    private static final int JOBS = 200;
    private static final String KEY = "sl_crash_test_admin_key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:55432/"
            + System.getenv().getOrDefault("SHORTLIST_TEST_DB", "shortlist_test");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedMidWayLosesNoJobAndCompletesEachOnce() throws Exception {
        try (LlmStubServer stub = LlmStubServer.start(new LlmStubServer.Options(0, Duration.ofMillis(250), "sk-crash",
                0, 0, 1, 0, 0));
                Connection listener = DriverManager.getConnection(DATABASE, "shortlist", "shortlist");
                PackagedApp first = new PackagedApp(settings(stub));
                PackagedApp second = new PackagedApp(settings(stub))) {
            SucceededAnnouncements announcements = new SucceededAnnouncements(listener);

            first.start();
            assertThat(statusWithoutKey(first)).as("production refuses requests without a key").isEqualTo(401);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                ids.add(submit(first, "Java developer " + i + " with Spring Boot and PostgreSQL"));
            }
            // Jobs in flight at the kill, seen in the same look: on a busy host the pipeline may be between claims at any instant.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(ids, "succeeded") >= JOBS / 4 && count(ids, "running") > 0);
            first.kill();
            int unfinishedAtKill = JOBS - count(ids, "succeeded");
            assertThat(unfinishedAtKill).isPositive();

            second.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(ids, "succeeded") == JOBS);
            // Every success heard before the listener stops: a second one for any job would have come with it.
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> announcements.of(id) >= 1));
            announcements.stop();

            assertThat(count(ids, "succeeded")).isEqualTo(JOBS);
            assertThat(withRescuedAttempts(ids)).as("jobs run again after the kill").isPositive();
            assertThat(ids).allSatisfy(id -> assertThat(announcements.of(id)).as("job %s marked succeeded", id).isEqualTo(1));
        }
    }

    private static Map<String, String> settings(LlmStubServer stub) {
        Map<String, String> settings = PackagedApp.againstStub(stub, "sk-crash", KEY);
        settings.put("SHORTLIST_PIPELINE_CONCURRENCY", "8");
        settings.put("SHORTLIST_PIPELINE_LEASE_DURATION", "3s");
        settings.put("SHORTLIST_PIPELINE_HEARTBEAT_INTERVAL", "1s");
        settings.put("SHORTLIST_PIPELINE_RESCUE_INTERVAL", "1s");
        return settings;
    }

    private UUID submit(PackagedApp app, String resume) throws Exception {
        String body = JSON.writeValueAsString(Map.of("type", "score", "resume", Map.of("text", resume),
                "jobDescription", Map.of("text", "Java, Spring Boot, PostgreSQL, Kafka")));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(JSON.readTree(response.body()).get("id").asText());
    }

    private int statusWithoutKey(PackagedApp app) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/jobs")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int count(List<UUID> ids, String status) throws Exception {
        try (Connection db = DriverManager.getConnection(DATABASE, "shortlist", "shortlist");
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM jobs WHERE id = ANY(?) AND status = ?")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            query.setString(2, status);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int withRescuedAttempts(List<UUID> ids) throws Exception {
        try (Connection db = DriverManager.getConnection(DATABASE, "shortlist", "shortlist");
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM jobs WHERE id = ANY(?) AND attempts > 1")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
