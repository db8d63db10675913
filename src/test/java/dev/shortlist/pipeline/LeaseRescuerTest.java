package dev.shortlist.pipeline;

import static dev.shortlist.support.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.LeaseWrites;
import dev.shortlist.jobs.LlmUsage;
import dev.shortlist.jobs.Priority;
import dev.shortlist.support.JobFixtures;
import dev.shortlist.support.MovableClock;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rescuer's pass, as a replica that died mid-job leaves things: its jobs come back to
 * the queue and run to the end elsewhere, and no live replica's job is taken from it. The
 * test plays the replicas and moves the service's clock past the lease instead of waiting.
 */
@QuarkusTest
@TestProfile(PipelineOffProfile.class)
class LeaseRescuerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int NO_CAP = 10_000;

    @Inject
    LeaseRescuer rescuer;

    @Inject
    JobWrites writes;

    @Inject
    LeaseWrites leases;

    @Inject
    JobRepository jobs;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    MovableClock clock;

    @BeforeEach
    @AfterEach
    void emptyQueue() {
        JobFixtures.clearJobs(pool);
        clock.reset();
    }

    @Test
    void aJobWhoseReplicaDiedIsQueuedAgainAndRunsToTheEndElsewhere() {
        Job job = aQueuedJob(writes, "alice", Priority.NORMAL);
        assertThat(claim("dead-replica", 1)).extracting(Job::id).containsExactly(job.id());

        clock.advance(LEASE.plusSeconds(1));
        rescuer.runOnce();

        await().atMost(WAIT).until(() -> find(job.id()).status() == JobStatus.QUEUED);
        assertThat(find(job.id()).error().code()).isEqualTo("lease_expired");
        Job rerun = claim("live-replica", 1).get(0);
        assertThat(rerun.id()).isEqualTo(job.id());
        assertThat(rerun.attempts()).as("the lost run counts as an attempt").isEqualTo(2);
        assertThat(leases.succeed(job.id(), "live-replica", rerun.attempts(), json.createObjectNode().put("score", 70), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).isTrue();
        assertThat(find(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aJobWhoseLeaseIsAliveIsLeftWithItsReplica() {
        Job orphaned = aQueuedJob(writes, "alice", Priority.NORMAL);
        claim("dead-replica", 1);
        clock.advance(LEASE.plusSeconds(1));
        Job alive = aQueuedJob(writes, "bob", Priority.NORMAL);
        assertThat(claim("live-replica", 1)).extracting(Job::id).containsExactly(alive.id());

        rescuer.runOnce();

        // The pass that re-queued the orphan has looked at the live job too.
        await().atMost(WAIT).until(() -> find(orphaned.id()).status() == JobStatus.QUEUED);
        Job stillRunning = find(alive.id());
        assertThat(stillRunning.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(stillRunning.attempts()).isEqualTo(1);
        assertThat(leases.succeed(alive.id(), "live-replica", stillRunning.attempts(), json.createObjectNode().put("score", 80), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).as("its replica still stores the result").isTrue();
    }

    @Test
    void oneRescueBringsBackMoreJobsThanOneStatementTakes() {
        int running = LeaseRescuer.PAGE + 20;
        for (int i = 0; i < running; i++) {
            aQueuedJob(writes, "owner-" + (i % 7), Priority.NORMAL);
        }
        assertThat(claim("dead-replica", running)).hasSize(running);

        clock.advance(LEASE.plusSeconds(1));
        rescuer.runOnce();

        await().atMost(WAIT).until(() -> countWithStatus("queued") == running);
        assertThat(countWithStatus("running")).isZero();
    }

    private List<Job> claim(String instance, int limit) {
        return leases.claim(limit, instance, LEASE, NO_CAP, Duration.ZERO).await().atMost(WAIT);
    }

    private long countWithStatus(String status) {
        return pool.preparedQuery("SELECT count(*) FROM jobs WHERE status = $1").execute(Tuple.of(status))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    private Job find(UUID id) {
        return JobFixtures.find(pool, jobs, id);
    }
}
