package dev.shortlist.faults;

import static dev.shortlist.support.FaultRig.READY_AGAIN_WITHIN;
import static dev.shortlist.support.FaultRig.assertEveryRefusalRetryable;
import static dev.shortlist.support.FaultRig.awaitAcceptedAgain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.FaultRig;
import dev.shortlist.support.LlmStubServer;
import dev.shortlist.support.PackagedApp;
import dev.shortlist.support.SteadyLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service process itself failing under steady submit load: killed with kill -9 in the
 * middle of a batch, and stopped with SIGTERM while it drains. A replacement process
 * takes over; every accepted job, the batch's included, ends exactly once. Requests sent
 * while no process listened got no answer (the client's retry is what helps there);
 * every answer was a 202 or a retryable refusal.
 */
class ProcessFaultIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH_SIZE = 200;

    private static FaultRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = FaultRig.shared();
    }

    @Test
    void killedMidBatchLosesNoJobAndCompletesEachOnce() throws Exception {
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            UUID batch = submitBatch();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> batchJobs(batch, "running").size() > 0);
            rig.app().kill();
            FaultRig.note("killed -9");
            assertThat(batchJobs(batch, "succeeded")).as("batch jobs done at the kill").hasSizeLessThan(BATCH_SIZE);
            rig.startApp();
            Instant replaced = Instant.now();
            FaultRig.note("replacement ready");
            awaitAcceptedAgain(load, replaced);
            load.close();

            assertEveryRefusalRetryable(load, true);
            rig.assertEveryAcceptedJobEndedOnce(load, Duration.ofSeconds(90), "succeeded");
            Set<UUID> children = batchJobs(batch, null);
            assertThat(children).hasSize(BATCH_SIZE);
            rig.assertEveryJobEndedOnce(children, Duration.ofSeconds(90), "succeeded");
        }
    }

    /**
     * With a slow model, so jobs are in flight when SIGTERM comes: the process stops
     * claiming, says not ready, finishes or hands back its jobs, and exits; the next
     * process finishes the rest.
     */
    @Test
    void sigtermDuringDrainLosesNoJobAndCompletesEachOnce() throws Exception {
        LlmStubServer.Options healthy = rig.modelOptions();
        rig.model().options(new LlmStubServer.Options(healthy.port(), Duration.ofMillis(1500), healthy.apiKey(), 0, 0, 1, 0, 0));
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            PackagedApp draining = rig.app();
            Instant sigterm = Instant.now();
            draining.terminate();
            FaultRig.note("SIGTERM sent");
            assertThat(draining.awaitExit(Duration.ofSeconds(60))).as("the process exited after its drain").isTrue();
            Instant exited = Instant.now();
            FaultRig.note("drained and exited");
            assertThat(rig.readiness().all(sigterm.plusMillis(500), exited, look -> look.status() != 200))
                    .as("readiness not ready while draining").isTrue();
            rig.model().options(healthy);
            rig.startApp();
            Instant replaced = Instant.now();
            rig.readiness().awaitReady(READY_AGAIN_WITHIN);
            awaitAcceptedAgain(load, replaced);
            load.close();

            assertEveryRefusalRetryable(load, true);
            rig.assertEveryAcceptedJobEndedOnce(load, Duration.ofSeconds(90), "succeeded");
        } finally {
            rig.model().options(healthy);
        }
    }

    private UUID submitBatch() throws Exception {
        List<Map<String, String>> resumes = IntStream.range(0, BATCH_SIZE)
                .mapToObj(i -> Map.of("externalId", "candidate-" + i,
                        "text", "Engineer " + i + " " + UUID.randomUUID() + ". Java, Spring Boot, PostgreSQL."))
                .toList();
        String body = JSON.writeValueAsString(Map.of("type", "score",
                "jobDescription", Map.of("text", "Senior Java engineer: Java, Spring Boot, PostgreSQL, Kafka."),
                // Normal, not the default bulk: under the steady load, bulk jobs would wait behind it all test long.
                "priority", "normal",
                "resumes", resumes));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(rig.app().baseUrl() + "/api/v1/batches"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + FaultRig.KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(JSON.readTree(response.body()).get("id").asText());
    }

    /** The batch's jobs in this status, or all of them for null. */
    private static Set<UUID> batchJobs(UUID batch, String status) throws Exception {
        try (Connection db = rig.postgres().connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT id FROM jobs WHERE batch_id = ? AND (?::text IS NULL OR status = ?)")) {
            query.setObject(1, batch);
            query.setString(2, status);
            query.setString(3, status);
            Set<UUID> ids = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }
}
