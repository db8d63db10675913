package dev.shortlist.jobs;

import static dev.shortlist.support.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.JobFixtures;
import dev.shortlist.support.MovableClock;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every status-changing write, tried on a job in each state: the moves the table allows
 * win, the others are refused and leave the job as it was.
 */
@QuarkusTest
@TestProfile(PipelineOffProfile.class)
class JobWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String OWNER = "alice";
    private static final String HOLDER = "replica-a";
    /** The attempt a job claimed once is on: outcomes name it, as the pipeline's do. */
    private static final int FIRST_ATTEMPT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The writes that change a job's status, each with the status it moves the job to. */
    enum Write {
        CLAIM(JobStatus.RUNNING, (test, job) -> test.leases.claim(10, HOLDER, LEASE, 100, Duration.ZERO)
                .map(claimed -> claimed.stream().anyMatch(one -> one.id().equals(job.id())))),
        SUCCEED(JobStatus.SUCCEEDED, (test, job) -> test.leases.succeed(job.id(), HOLDER, FIRST_ATTEMPT,
                JSON.createObjectNode(), LlmUsage.none("local", "m"))),
        /** The pipeline's grouped form: one statement for many jobs. */
        SUCCEED_TOGETHER(JobStatus.SUCCEEDED, (test, job) -> test.leases.succeedMany(
                List.of(new LeaseWrites.Success(job.id(), FIRST_ATTEMPT, JSON.createObjectNode(), LlmUsage.none("local", "m"))), HOLDER)
                .map(won -> won.contains(job.id()))),
        FAIL(JobStatus.FAILED, (test, job) -> test.leases.fail(job.id(), HOLDER, FIRST_ATTEMPT, new JobError("broken", "no", false))),
        REQUEUE(JobStatus.QUEUED, (test, job) -> test.leases.requeue(job.id(), HOLDER, FIRST_ATTEMPT, new JobError("llm_error", "503", true),
                test.clock.instant())),
        DEFER(JobStatus.QUEUED, (test, job) -> test.leases.defer(job.id(), HOLDER, FIRST_ATTEMPT, test.clock.instant(), "model")),
        RELEASE(JobStatus.QUEUED, (test, job) -> test.leases.releaseAll(HOLDER).map(released -> released == 1)),
        CANCEL(JobStatus.CANCELLED, (test, job) -> test.writes.cancel(job.id(), OWNER).map(cancelled -> cancelled.isPresent())),
        /** The lease is left to expire: its holder stopped renewing it. */
        RESCUE(JobStatus.QUEUED, (test, job) -> {
            test.clock.advance(LEASE.plusSeconds(1));
            return test.leases.rescueExpired(10).map(rescued -> rescued == 1);
        });

        final JobStatus target;
        final BiFunction<JobWritesTest, Job, Uni<Boolean>> apply;

        Write(JobStatus target, BiFunction<JobWritesTest, Job, Uni<Boolean>> apply) {
            this.target = target;
            this.apply = apply;
        }
    }

    @Inject
    JobWrites writes;

    @Inject
    LeaseWrites leases;

    @Inject
    JobRepository jobs;

    @Inject
    Pool pool;

    @Inject
    MovableClock clock;

    @BeforeEach
    @AfterEach
    void emptyQueue() {
        JobFixtures.clearJobs(pool);
        clock.reset();
    }

    @Test
    void aQueuedJobIsOnlyClaimedOrCancelled() {
        assertMoves(JobStatus.QUEUED, EnumSet.of(Write.CLAIM, Write.CANCEL));
    }

    @Test
    void aRunningJobEndsOrGoesBackToTheQueueButIsNotClaimedAgain() {
        assertMoves(JobStatus.RUNNING,
                EnumSet.of(Write.SUCCEED, Write.SUCCEED_TOGETHER, Write.FAIL, Write.REQUEUE, Write.DEFER, Write.RELEASE, Write.CANCEL, Write.RESCUE));
    }

    @Test
    void aSucceededJobRefusesEveryWrite() {
        assertMoves(JobStatus.SUCCEEDED, EnumSet.noneOf(Write.class));
    }

    @Test
    void aFailedJobRefusesEveryWrite() {
        assertMoves(JobStatus.FAILED, EnumSet.noneOf(Write.class));
    }

    @Test
    void aCancelledJobRefusesEveryWrite() {
        assertMoves(JobStatus.CANCELLED, EnumSet.noneOf(Write.class));
    }

    @Test
    void successesStoredTogetherCompleteOnlyTheJobsStillHeld() {
        Job kept = aJob(JobStatus.RUNNING);
        Job cancelled = aJob(JobStatus.RUNNING);
        writes.cancel(cancelled.id(), OWNER).await().atMost(WAIT);
        LlmUsage usage = new LlmUsage("openai", "stub-model-1", 120, 30, new BigDecimal("0.000150"));

        Set<UUID> won = leases.succeedMany(List.of(
                new LeaseWrites.Success(kept.id(), FIRST_ATTEMPT, JobFixtures.aScoreResult(71), usage),
                new LeaseWrites.Success(cancelled.id(), FIRST_ATTEMPT, JobFixtures.aScoreResult(12), usage)), HOLDER)
                .await().atMost(WAIT);

        assertThat(won).containsExactly(kept.id());
        Job stored = jobs.findOwned(kept.id(), OWNER).await().atMost(WAIT).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(stored.result().get("score").asInt()).isEqualTo(71);
        assertThat(stored.usage().tokensIn()).isEqualTo(120);
        assertThat(stored.usage().costUsd()).isEqualByComparingTo("0.000150");
        Job dropped = jobs.findOwned(cancelled.id(), OWNER).await().atMost(WAIT).orElseThrow();
        assertThat(dropped.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(dropped.result()).isNull();
    }

    private void assertMoves(JobStatus from, Set<Write> allowed) {
        for (Write write : Write.values()) {
            Job job = aJob(from);
            boolean won = write.apply.apply(this, job).await().atMost(WAIT);
            JobStatus after = jobs.findOwned(job.id(), OWNER).await().atMost(WAIT).orElseThrow().status();
            if (allowed.contains(write)) {
                assertThat(won).as("%s of a %s job", write, from.wireName()).isTrue();
                assertThat(after).as("%s of a %s job", write, from.wireName()).isEqualTo(write.target);
                assertThat(JobTransitions.isAllowed(from, write.target)).isTrue();
            } else {
                assertThat(won).as("%s of a %s job is refused", write, from.wireName()).isFalse();
                assertThat(after).as("%s of a %s job leaves it", write, from.wireName()).isEqualTo(from);
            }
            emptyQueue();
        }
    }

    /** A job brought to {@code status} through the write model itself. */
    private Job aJob(JobStatus status) {
        Job queued = aQueuedJob(writes, OWNER, Priority.NORMAL);
        if (status == JobStatus.QUEUED) {
            return queued;
        }
        if (status == JobStatus.CANCELLED) {
            writes.cancel(queued.id(), OWNER).await().atMost(WAIT);
            return queued;
        }
        assertThat(Write.CLAIM.apply.apply(this, queued).await().atMost(WAIT)).isTrue();
        if (status == JobStatus.SUCCEEDED) {
            assertThat(Write.SUCCEED.apply.apply(this, queued).await().atMost(WAIT)).isTrue();
        } else if (status == JobStatus.FAILED) {
            assertThat(Write.FAIL.apply.apply(this, queued).await().atMost(WAIT)).isTrue();
        }
        return queued;
    }
}
