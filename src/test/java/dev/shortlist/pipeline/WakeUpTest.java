package dev.shortlist.pipeline;

import static dev.shortlist.support.JobFixtures.aQueuedJob;
import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.Priority;
import dev.shortlist.support.Jobs;
import dev.shortlist.support.NoPollingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Jobs start because the pipeline is told of them, not because it polls. */
@QuarkusTest
@TestProfile(NoPollingProfile.class)
class WakeUpTest {

    @Inject
    JobRepository jobs;

    @Inject
    JobWrites writes;

    @Inject
    Pool pool;

    @Test
    void aSubmitWakesThePipeline() {
        assertThat(awaitEnd(Jobs.submit(scoreRequest("Java developer", "Java and Spring"))).getString("status"))
                .isEqualTo("succeeded");
    }

    @Test
    void aNotificationFromAnotherReplicaWakesThePipeline() {
        // Another replica's submit: the row appears, then the NOTIFY it sends arrives.
        Job job = aQueuedJob(writes, "local", Priority.NORMAL);
        pool.query("SELECT pg_notify('shortlist_jobs', '')").execute().await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.findOwned(job.id(), "local")
                .await().atMost(Duration.ofSeconds(5)).orElseThrow().status() == JobStatus.SUCCEEDED);
    }
}
