package dev.shortlist.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.jobs.Priority;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.UUID;

/** Jobs written straight to the database, for tests that play the pipeline themselves. */
public final class JobFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobFixtures() {
    }

    /** A score result as an engine writes it (every field the contract requires), for tests that complete jobs themselves. */
    public static ObjectNode aScoreResult(int score) {
        ObjectNode result = JSON.createObjectNode().put("score", score).put("recommendation", score >= 70 ? "shortlist" : "reject");
        result.putArray("matchedSkills").add("Java");
        result.putArray("missingSkills");
        result.putArray("evidence").addObject().put("skill", "Java").put("quote", "Java developer");
        result.put("summary", "Shows Java.").put("engine", "local").put("model", "test").put("promptVersion", "score-v1");
        result.putObject("flags").put("promptInjection", false);
        return result;
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

    /** The job as its owner sees it now, whoever that owner is. */
    public static Job find(Pool pool, JobRepository jobs, UUID id) {
        return pool.preparedQuery("SELECT owner FROM jobs WHERE id = $1").execute(Tuple.of(id))
                .chain(rows -> jobs.findOwned(id, rows.iterator().next().getString("owner")))
                .await().atMost(Duration.ofSeconds(5)).orElseThrow();
    }

    /**
     * Empties the queue, so a test sees only its own jobs. The service's own loops keep
     * reading these tables (batch completion joins batches to jobs every second), and a
     * TRUNCATE that meets one of them in the other lock order is a deadlock PostgreSQL breaks
     * by failing one side; the truncate then simply runs again.
     */
    public static void clearJobs(Pool pool) {
        pool.query("TRUNCATE batches, batch_emails, jobs, self_identified, job_decisions, erased_decision_records").execute()
                .onFailure(JobFixtures::isDeadlock).retry().atMost(5)
                .await().atMost(Duration.ofSeconds(30));
    }

    private static boolean isDeadlock(Throwable failure) {
        return failure instanceof PgException pg && "40P01".equals(pg.getSqlState());
    }
}
