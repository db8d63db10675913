package dev.shortlist.jobs;

import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.support.Jobs;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A change nobody announced (its notification lost with the listening connection, say) still
 * reaches whoever waits for the job: the replica's safety re-read finds where every watched
 * job stands and reads again, and passes on, those that moved.
 */
@QuarkusTest
@TestProfile(SafetyReReadTest.QuickSafetyReRead.class)
class SafetyReReadTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The pipeline off, so the job stays queued until the test moves it; a safety re-read every second. */
    public static class QuickSafetyReRead extends PipelineOffProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("shortlist.jobs.events-safety-poll", "1s");
            return overrides;
        }
    }

    @Inject
    Pool pool;

    @Inject
    JobWatchers watchers;

    @Test
    void aLongPollHearsOfAChangeThatWasNeverAnnounced() throws Exception {
        String id = Jobs.submit(scoreRequest("Java developer, cancelled without a word", "Java and PostgreSQL"));
        int before = watchers.count();
        // Waits far longer than the test: only the safety re-read can end it early with the new state.
        CompletableFuture<Response> longPoll = CompletableFuture.supplyAsync(
                () -> given().header("Prefer", "wait=60").get("/api/v1/jobs/{id}", id).then().extract().response());
        await().atMost(WAIT).until(() -> watchers.count() > before);

        cancelWithoutAnnouncing(UUID.fromString(id));

        Response answer = longPoll.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.<String>path("status")).isEqualTo("cancelled");
    }

    /** Cancels the job with the trigger that announces job changes switched off for this one statement. */
    private void cancelWithoutAnnouncing(UUID id) {
        pool.withTransaction(connection -> connection.query("ALTER TABLE jobs DISABLE TRIGGER jobs_announce_changes").execute()
                        .chain(() -> connection.preparedQuery("UPDATE jobs SET status = 'cancelled', lease_owner = NULL, "
                                + "lease_expires_at = NULL, finished_at = now(), updated_at = now() WHERE id = $1").execute(Tuple.of(id)))
                        .chain(() -> connection.query("ALTER TABLE jobs ENABLE TRIGGER jobs_announce_changes").execute()))
                .await().atMost(WAIT);
    }
}
