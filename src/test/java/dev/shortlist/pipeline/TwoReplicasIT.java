package dev.shortlist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.support.LlmStubServer;
import dev.shortlist.support.PackagedApp;
import dev.shortlist.support.SucceededAnnouncements;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two packaged service processes on one database share one queue: a 1,000-resume batch
 * completes with each job succeeded exactly once, the per-owner running cap holds across
 * both (sampled from the database while they work), and SIGTERM to one of them mid-run
 * drains it: its in-flight jobs finish or go back to the queue, and the other finishes
 * the rest.
 */
class TwoReplicasIT {

    private static final int JOBS = 1_000;
    private static final int OWNER_RUNNING_CAP = 6;
    private static final String KEY = "sl_two_replicas_test_admin_key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:55432/"
            + System.getenv().getOrDefault("SHORTLIST_TEST_DB", "shortlist_test");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoReplicasCompleteEachJobOnceWithinTheOwnersCapAndOneDrainsOnSigterm() throws Exception {
        try (LlmStubServer stub = LlmStubServer.start(new LlmStubServer.Options(0, Duration.ofMillis(100), "sk-two",
                0, 0, 1, 0, 0));
                Connection listener = DriverManager.getConnection(DATABASE, "shortlist", "shortlist");
                PackagedApp first = new PackagedApp(settings(stub));
                PackagedApp second = new PackagedApp(settings(stub))) {
            SucceededAnnouncements announcements = new SucceededAnnouncements(listener);
            AtomicBoolean watching = new AtomicBoolean(true);
            first.start();
            second.start();

            UUID batch = submitBatch(first);
            Sampler sampler = new Sampler(batch, watching);
            sampler.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> count(batch, "succeeded") >= JOBS / 3);
            assertThat(second.terminateAndWait()).as("exit code after SIGTERM").isIn(0, 143);
            // Well inside the lease (60 s), so the rescuer cannot have done it: the drain did.
            assertThat(runningHolders(batch)).as("replicas still holding running jobs after the drain").hasSizeLessThanOrEqualTo(1);
            assertThat(Files.readString(second.log())).containsAnyOf("Pipeline drained", "released");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(batch, "succeeded") == JOBS);
            watching.set(false);
            sampler.join();
            announcements.stop();

            assertThat(sampler.mostRunning.get()).as("most running for the owner at once").isBetween(1, OWNER_RUNNING_CAP);
            assertThat(sampler.bothAtOnce.get()).as("both replicas ran the owner's jobs at the same time").isTrue();
            assertThat(ids(batch)).hasSize(JOBS)
                    .allSatisfy(id -> assertThat(announcements.of(id)).as("job %s marked succeeded", id).isEqualTo(1));
        }
    }

    private static Map<String, String> settings(LlmStubServer stub) {
        Map<String, String> settings = PackagedApp.againstStub(stub, "sk-two", KEY);
        // Each replica may run 4, both together 8; the owner may run only 6 across both.
        settings.put("SHORTLIST_PIPELINE_CONCURRENCY", "4");
        settings.put("SHORTLIST_PIPELINE_OWNER_RUNNING_CAP", String.valueOf(OWNER_RUNNING_CAP));
        return settings;
    }

    private UUID submitBatch(PackagedApp app) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("type", "score");
        body.putObject("jobDescription").put("text", "Java, Spring Boot, PostgreSQL, Kafka");
        ArrayNode resumes = body.putArray("resumes");
        for (int i = 0; i < JOBS; i++) {
            resumes.addObject().put("externalId", "candidate-" + i)
                    .put("text", "Java developer " + i + " with Spring Boot and PostgreSQL");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/batches"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(JSON.readTree(response.body()).get("id").asText());
    }

    private static int count(UUID batch, String status) throws Exception {
        try (Connection db = DriverManager.getConnection(DATABASE, "shortlist", "shortlist");
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM jobs WHERE batch_id = ? AND status = ?")) {
            query.setObject(1, batch);
            query.setString(2, status);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Set<UUID> ids(UUID batch) throws Exception {
        try (Connection db = DriverManager.getConnection(DATABASE, "shortlist", "shortlist");
                PreparedStatement query = db.prepareStatement("SELECT id FROM jobs WHERE batch_id = ?")) {
            query.setObject(1, batch);
            Set<UUID> ids = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static Set<String> runningHolders(UUID batch) throws Exception {
        try (Connection db = DriverManager.getConnection(DATABASE, "shortlist", "shortlist");
                PreparedStatement query = db.prepareStatement(
                        "SELECT DISTINCT lease_owner FROM jobs WHERE batch_id = ? AND status = 'running'")) {
            query.setObject(1, batch);
            Set<String> holders = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    holders.add(rows.getString(1));
                }
            }
            return holders;
        }
    }

    /** Samples the batch owner's running jobs, and which replicas hold them, until told to stop. */
    private static final class Sampler extends Thread {

        private static final String RUNNING = """
                SELECT count(*) AS running, count(DISTINCT lease_owner) AS holders
                FROM jobs WHERE status = 'running' AND owner = (SELECT owner FROM batches WHERE id = ?)
                """;

        final AtomicInteger mostRunning = new AtomicInteger();
        final AtomicBoolean bothAtOnce = new AtomicBoolean();
        private final UUID batch;
        private final AtomicBoolean watching;

        Sampler(UUID batch, AtomicBoolean watching) {
            this.batch = batch;
            this.watching = watching;
        }

        @Override
        public void run() {
            try (Connection db = DriverManager.getConnection(DATABASE, "shortlist", "shortlist");
                    PreparedStatement query = db.prepareStatement(RUNNING)) {
                query.setObject(1, batch);
                while (watching.get()) {
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        mostRunning.accumulateAndGet(rows.getInt("running"), Math::max);
                        if (rows.getInt("holders") == 2) {
                            bothAtOnce.set(true);
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
