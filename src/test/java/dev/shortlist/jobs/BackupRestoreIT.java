package dev.shortlist.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.PackagedApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The documented backup procedure works: a dump taken with {@code scripts/backup.sh} while
 * the service runs, restored with {@code scripts/restore.sh} into a fresh database, serves
 * the old jobs with their results, and the jobs that were still queued run to the end.
 */
class BackupRestoreIT {

    private static final String KEY = "sl_backup_test_admin_key";
    private static final String PG_PORT = "55432";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String source = database("backup_src");
    private final String restored = database("restored");

    @Test
    void aRestoredDumpServesTheOldJobsAndFinishesTheQueuedOnes() throws Exception {
        Path dump = Files.createTempDirectory("shortlist-backup").resolve("shortlist.dump");
        createDatabase(source);
        Map<UUID, JsonNode> finished = new LinkedHashMap<>();
        List<UUID> queued = new ArrayList<>();

        try (PackagedApp app = new PackagedApp(settings(source, true))) {
            app.start();
            for (String skill : List.of("Kafka", "Kubernetes", "PostgreSQL")) {
                finished.put(submit(app, skill), null);
            }
            for (UUID id : finished.keySet()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> status(app, id).equals("succeeded"));
                finished.put(id, job(app, id).get("result"));
            }
        }
        try (PackagedApp acceptingOnly = new PackagedApp(settings(source, false))) {
            acceptingOnly.start();
            queued.add(submit(acceptingOnly, "Terraform"));
            queued.add(submit(acceptingOnly, "Docker"));
            // The backup is taken from the live database, with the service up.
            run(source, "scripts/backup.sh", dump.toString());
        }
        assertThat(dump).isNotEmptyFile();

        run("postgres", "scripts/restore.sh", dump.toString(), restored);
        try (PackagedApp app = new PackagedApp(settings(restored, true))) {
            app.start();
            for (Map.Entry<UUID, JsonNode> old : finished.entrySet()) {
                JsonNode job = job(app, old.getKey());
                assertThat(job.get("status").asText()).isEqualTo("succeeded");
                assertThat(job.get("result")).as("the result of job %s", old.getKey()).isEqualTo(old.getValue());
            }
            for (UUID id : queued) {
                await().atMost(Duration.ofSeconds(60)).until(() -> status(app, id).equals("succeeded"));
            }
            JsonNode listing = get(app, "/api/v1/jobs?limit=50");
            assertThat(listing.get("items")).hasSize(finished.size() + queued.size());
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/postgres",
                "shortlist", "shortlist"); var statement = db.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
            statement.execute("DROP DATABASE IF EXISTS " + restored + " WITH (FORCE)");
        }
    }

    private static String database(String purpose) {
        return System.getenv().getOrDefault("SHORTLIST_TEST_DB", "shortlist_test") + "_" + purpose + "_"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void createDatabase(String name) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/postgres",
                "shortlist", "shortlist"); var statement = db.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    private static Map<String, String> settings(String database, boolean pipeline) {
        Map<String, String> settings = new HashMap<>();
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", "vertx-reactive:postgresql://127.0.0.1:" + PG_PORT + "/" + database);
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + database);
        settings.put("SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY", KEY);
        settings.put("SHORTLIST_PIPELINE_ENABLED", String.valueOf(pipeline));
        // The test polls far faster than the production read limit allows; limits are not under test here.
        settings.put("SHORTLIST_LIMITS_ENABLED", "false");
        // Cached results from other runs would finish jobs at submit and leave nothing queued.
        settings.put("SHORTLIST_CACHE_ENABLED", "false");
        return settings;
    }

    /** Runs one of the project's scripts against the test server, as an operator would. */
    private static void run(String database, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", PG_PORT, "PGUSER", "shortlist",
                "PGDATABASE", database));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("%s: %s", command[0], output).isZero();
    }

    private UUID submit(PackagedApp app, String skill) throws Exception {
        String body = JSON.writeValueAsString(Map.of("type", "score",
                "resume", Map.of("text", "Platform engineer. Ran " + skill + " in production for four years."),
                "jobDescription", Map.of("text", "Platform engineer: " + skill + ", Java, observability.")));
        HttpResponse<String> response = http.send(request(app, "/api/v1/jobs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(JSON.readTree(response.body()).get("id").asText());
    }

    private String status(PackagedApp app, UUID id) throws Exception {
        return job(app, id).get("status").asText();
    }

    private JsonNode job(PackagedApp app, UUID id) throws Exception {
        return get(app, "/api/v1/jobs/" + id);
    }

    private JsonNode get(PackagedApp app, String path) throws Exception {
        HttpResponse<String> response = http.send(request(app, path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder request(PackagedApp app, String path) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", "Bearer " + KEY);
    }
}
