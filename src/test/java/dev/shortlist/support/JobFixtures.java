package dev.shortlist.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.jobs.Priority;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.UUID;

/** Jobs written straight to the database, for tests that play the pipeline themselves. */
public final class JobFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobFixtures() {
    }

    public static Job aQueuedJob(JobWrites writes, String owner, Priority priority) {
        ObjectNode input = JSON.createObjectNode();
        input.putObject("resume").put("text", "Java developer with Spring and PostgreSQL " + UUID.randomUUID());
        input.putObject("jobDescription").put("text", "Java, Spring, PostgreSQL");
        input.putObject("options");
        NewJob job = new NewJob(UUID.randomUUID(), owner, JobType.SCORE, priority, null, input,
                UUID.randomUUID().toString(), null, 3);
        return writes.insert(job).await().atMost(Duration.ofSeconds(5)).orElseThrow();
    }

    /** Empties the queue, so a test sees only its own jobs. */
    public static void clearJobs(Pool pool) {
        pool.query("TRUNCATE jobs, batches, batch_emails").execute().await().atMost(Duration.ofSeconds(10));
    }
}
