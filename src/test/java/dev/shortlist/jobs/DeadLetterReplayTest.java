package dev.shortlist.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.support.JobFixtures;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failed jobs across tenants, replayed by filter; the test plays the pipeline so it sees exactly what runs again. */
@QuarkusTest
@TestProfile(PipelineOffProfile.class)
class DeadLetterReplayTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    JobRepository jobs;

    @Inject
    JobWrites writes;

    @Inject
    LeaseWrites leases;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void emptyQueue() {
        JobFixtures.clearJobs(pool);
    }

    private Job insert(String owner, JobType type, String inputHash) {
        ObjectNode input = json.createObjectNode();
        input.putObject("resume").put("text", "Java developer " + inputHash);
        input.putObject("jobDescription").put("text", "Java");
        input.putObject("options");
        return writes.insert(new NewJob(UUID.randomUUID(), owner, type, Priority.NORMAL, null, input, inputHash, null, 3))
                .await().atMost(WAIT).orElseThrow();
    }

    /** Claims every queued job as a pipeline would and fails each with the code the map gives it. */
    private List<UUID> runAndFail(Map<UUID, String> codes) {
        List<Job> claimed = leases.claim(100, "replica-test", LEASE, 1_000, Duration.ZERO).await().atMost(WAIT);
        for (Job job : claimed) {
            String code = codes.get(job.id());
            assertThat(leases.fail(job.id(), "replica-test", job.attempts(), new JobError(code, "it broke: " + code, false))
                    .await().atMost(WAIT)).isTrue();
        }
        return claimed.stream().map(Job::id).toList();
    }

    private static JsonPath replay(String filter, boolean dryRun) {
        return given().auth().oauth2(ADMIN).contentType("application/json").body(filter)
                .post("/api/v1/admin/dead-letters/replay?dryRun=" + dryRun)
                .then().statusCode(200).extract().jsonPath();
    }

    private String status(UUID id) {
        return pool.preparedQuery("SELECT status FROM jobs WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next().getString("status");
    }

    @Test
    void replayOfAFilteredSetRerunsExactlyThoseJobs() {
        Job aliceFirst = insert("dl-alice", JobType.SCORE, "hash-a1");
        Job aliceSecond = insert("dl-alice", JobType.SCORE, "hash-a2");
        Job alicesTailor = insert("dl-alice", JobType.TAILOR, "hash-a3");
        Job bobs = insert("dl-bob", JobType.SCORE, "hash-b1");
        Job aliceOtherCode = insert("dl-alice", JobType.SCORE, "hash-a4");
        runAndFail(Map.of(aliceFirst.id(), "invalid_output", aliceSecond.id(), "invalid_output",
                alicesTailor.id(), "invalid_output", bobs.id(), "invalid_output", aliceOtherCode.id(), "llm_refused"));

        String filter = "{\"code\": \"invalid_output\", \"owner\": \"dl-alice\", \"type\": \"score\"}";
        given().auth().oauth2(ADMIN).get("/api/v1/admin/dead-letters?code=invalid_output&owner=dl-alice&type=score")
                .then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.id", hasItem(aliceFirst.id().toString()))
                .body("items.id", hasItem(aliceSecond.id().toString()))
                .body("items[0].error.code", equalTo("invalid_output"))
                .body("items[0].failuresOfInput", equalTo(1));

        JsonPath dryRun = replay(filter, true);
        assertThat(dryRun.getLong("matched")).isEqualTo(2);
        assertThat(dryRun.getLong("replayable")).isEqualTo(2);
        assertThat(status(aliceFirst.id())).isEqualTo("failed");

        JsonPath done = replay(filter, false);
        assertThat(done.getList("replayed", String.class))
                .containsExactlyInAnyOrder(aliceFirst.id().toString(), aliceSecond.id().toString());

        // The pipeline runs exactly those two again, from a fresh set of attempts; the rest stay failed.
        List<Job> rerun = leases.claim(100, "replica-test", LEASE, 1_000, Duration.ZERO).await().atMost(WAIT);
        assertThat(rerun).extracting(Job::id).containsExactlyInAnyOrder(aliceFirst.id(), aliceSecond.id());
        assertThat(rerun).extracting(Job::attempts).containsOnly(1);
        for (Job other : List.of(alicesTailor, bobs, aliceOtherCode)) {
            assertThat(status(other.id())).isEqualTo("failed");
        }
        given().auth().oauth2(ADMIN).get("/api/v1/admin/audit?kind=dead_letters_replayed")
                .then().statusCode(200).body("items[0].detail.replayed", equalTo(2))
                .body("items[0].detail.filter.owner", equalTo("dl-alice"));
    }

    @Test
    void anInputThatKeepsFailingTheSameWayIsQuarantinedInsteadOfReplayed() {
        Job poison = insert("dl-carol", JobType.SCORE, "hash-poison");
        String filter = "{\"code\": \"poison\"}";
        runAndFail(Map.of(poison.id(), "poison"));
        // Failed, replayed and failed again twice: three failures of this input (quarantine-after is 3).
        for (int replay = 0; replay < 2; replay++) {
            assertThat(replay(filter, false).getList("replayed", String.class)).containsExactly(poison.id().toString());
            runAndFail(Map.of(poison.id(), "poison"));
        }

        JsonPath dryRun = replay(filter, true);
        assertThat(dryRun.getLong("replayable")).isZero();
        assertThat(dryRun.getLong("quarantined")).isEqualTo(1);
        JsonPath done = replay(filter, false);
        assertThat(done.getList("replayed")).isEmpty();
        assertThat(done.getLong("quarantined")).isEqualTo(1);
        assertThat(status(poison.id())).isEqualTo("failed");
        given().auth().oauth2(ADMIN).get("/api/v1/admin/dead-letters?code=poison").then().statusCode(200)
                .body("items[0].quarantined", equalTo(true))
                .body("items[0].failuresOfInput", equalTo(3));
    }

    @Test
    void badFiltersAreNamedAndUsersMayNotReplay() {
        given().auth().oauth2(ADMIN).get("/api/v1/admin/dead-letters?type=bogus").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        given().auth().oauth2(ADMIN).get("/api/v1/admin/dead-letters?since=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        given().contentType("application/json").body("{}").post("/api/v1/admin/dead-letters/replay").then().statusCode(401);
    }
}
