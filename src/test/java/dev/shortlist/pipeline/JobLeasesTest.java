package dev.shortlist.pipeline;

import static dev.shortlist.support.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.engine.JobFailure;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobWrites;
import dev.shortlist.jobs.LeaseWrites;
import dev.shortlist.jobs.LeaseWrites.Held;
import dev.shortlist.jobs.LlmUsage;
import dev.shortlist.jobs.Priority;
import dev.shortlist.support.JobFixtures;
import dev.shortlist.support.MovableClock;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim (its order: priority, owners' turns, aging), lease and completion statements,
 * with the test playing the pipeline instances.
 */
@QuarkusTest
@TestProfile(PipelineOffProfile.class)
class JobLeasesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int NO_CAP = 1_000;
    private static final Duration BULK_WAIT = Duration.ofSeconds(30);

    /** Many queued jobs of one owner in one statement, one millisecond apart from $3 on; as a batch submit leaves them. */
    private static final String QUEUE_MANY = """
            INSERT INTO jobs (id, owner, type, priority, input, input_hash, max_attempts, created_at, updated_at, run_after)
            SELECT gen_random_uuid(), $1::text, 'score', $2::smallint,
                   jsonb_build_object('resume', jsonb_build_object('text', 'Java developer ' || i),
                                      'jobDescription', jsonb_build_object('text', 'Java'), 'options', '{}'::jsonb),
                   md5($1::text || i), 3, $3::timestamptz + i * interval '1 millisecond', $3::timestamptz, $3::timestamptz
            FROM generate_series(1, $4::integer) AS i
            """;

    @Inject
    JobWrites writes;

    @Inject
    LeaseWrites leases;

    @Inject
    JobOutcomes outcomes;

    @Inject
    JobRepository jobs;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    MovableClock clock;

    @Inject
    PipelineConfig config;

    /** Before: see only this test's jobs. After: leave no queued job for the next test's pipeline to run, and time as it was. */
    @BeforeEach
    @AfterEach
    void emptyQueue() {
        JobFixtures.clearJobs(pool);
        clock.reset();
    }

    @Test
    void claimsByPriorityThenAge() {
        Job bulk = aQueuedJob(writes, "alice", Priority.BULK);
        Job normalOld = aQueuedJob(writes, "alice", Priority.NORMAL);
        Job low = aQueuedJob(writes, "alice", Priority.LOW);
        Job critical = aQueuedJob(writes, "alice", Priority.CRITICAL);
        Job normalNew = aQueuedJob(writes, "alice", Priority.NORMAL);
        Job high = aQueuedJob(writes, "alice", Priority.HIGH);

        List<UUID> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.addAll(claim("one", 1, NO_CAP).stream().map(Job::id).toList());
        }

        assertThat(order).containsExactly(critical.id(), high.id(), normalOld.id(), normalNew.id(), low.id(), bulk.id());
    }

    @Test
    void aJobIsNotClaimedBeforeItsRunAfter() {
        Job later = aQueuedJob(writes, "alice", Priority.CRITICAL);
        pool.preparedQuery("UPDATE jobs SET run_after = $2 WHERE id = $1")
                .execute(Tuple.of(later.id(), clock.instant().plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)))
                .await().atMost(WAIT);
        Job now = aQueuedJob(writes, "alice", Priority.BULK);

        assertThat(claim("one", 10, NO_CAP)).extracting(Job::id).containsExactly(now.id());
    }

    @Test
    void twoInstancesNeverClaimTheSameJob() {
        for (int i = 0; i < 40; i++) {
            aQueuedJob(writes, "owner-" + (i % 8), Priority.NORMAL);
        }
        List<Job> first = new ArrayList<>();
        List<Job> second = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            // Both claims subscribed at once: sent on two connections, they meet in the database.
            List<List<Job>> both = Uni.join().all(
                    leases.claim(3, "replica-a", LEASE, NO_CAP, config.agingInterval()),
                    leases.claim(3, "replica-b", LEASE, NO_CAP, config.agingInterval())).andFailFast().await().atMost(WAIT);
            first.addAll(both.get(0));
            second.addAll(both.get(1));
        }

        List<UUID> all = new ArrayList<>();
        first.forEach(job -> all.add(job.id()));
        second.forEach(job -> all.add(job.id()));
        assertThat(all).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void perOwnerRunningCapHoldsAcrossTwoInstances() {
        for (int i = 0; i < 6; i++) {
            aQueuedJob(writes, "alice", Priority.HIGH);
        }
        Job bobs = aQueuedJob(writes, "bob", Priority.LOW);

        // Both instances claim at once (both statements in flight together) with room for ten; alice may run two across both.
        List<List<Job>> both = Uni.join().all(
                leases.claim(10, "replica-a", LEASE, 2, config.agingInterval()),
                leases.claim(10, "replica-b", LEASE, 2, config.agingInterval())).andFailFast().await().atMost(WAIT);
        List<Job> claimed = new ArrayList<>(both.get(0));
        claimed.addAll(both.get(1));

        assertThat(claimed.stream().filter(job -> job.owner().equals("alice"))).hasSize(2);
        assertThat(claimed).extracting(Job::id).contains(bobs.id());

        // When one of alice's jobs ends, one more of hers may run.
        Job done = claimed.stream().filter(job -> job.owner().equals("alice")).findFirst().orElseThrow();
        assertThat(leases.succeed(done.id(), done.leaseOwner(), done.attempts(), json.createObjectNode(), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).isTrue();
        assertThat(claim("replica-b", 10, 2)).extracting(Job::owner).containsExactly("alice");
    }

    @Test
    void anotherOwnersBatchStartsInTheVeryNextClaimBehindTenThousandQueuedJobs() {
        clock.freeze();
        Instant now = clock.instant();
        // Alice's batch was queued an hour ago and is under way: a replica runs sixteen of it.
        // Being served, it does not age past newer work of the same priority.
        queue("alice", Priority.NORMAL, 10_000, now.minus(Duration.ofHours(1)));
        assertThat(claim("replica-a", 16, NO_CAP)).extracting(Job::owner).hasSize(16).containsOnly("alice");

        queue("bob", Priority.NORMAL, 100, now.minusSeconds(1));
        UUID bobsFirst = oldestQueued("bob");

        assertThat(claim("replica-a", 1, NO_CAP)).extracting(Job::id).containsExactly(bobsFirst);
        // Bob catches up turn by turn until both run sixteen; then they alternate.
        assertThat(claim("replica-a", 15, NO_CAP)).extracting(Job::owner).hasSize(15).containsOnly("bob");
        assertThat(claim("replica-a", 2, NO_CAP)).extracting(Job::owner).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void ownersTakeTurnsWithinAPriorityAndPriorityStillComesFirst() {
        List<Job> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(aQueuedJob(writes, "alice", Priority.NORMAL));
        }
        for (int i = 0; i < 3; i++) {
            queued.add(aQueuedJob(writes, "bob", Priority.NORMAL));
        }
        queued.add(aQueuedJob(writes, "carol", Priority.NORMAL));
        Job urgent = aQueuedJob(writes, "alice", Priority.HIGH);

        List<UUID> order = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            order.addAll(claim("replica-a", 1, NO_CAP).stream().map(Job::id).toList());
        }

        // alice's urgent job first, though it is her newest; then turns: bob and carol before alice's second.
        assertThat(order).containsExactly(urgent.id(), queued.get(3).id(), queued.get(6).id(), queued.get(0).id(),
                queued.get(4).id(), queued.get(1).id(), queued.get(5).id(), queued.get(2).id());
    }

    @Test
    void anOldLowPriorityJobIsClaimedAheadOfNewerHighPriorityOnesOnceItHasWaitedLongEnough() {
        clock.freeze();
        Job old = aQueuedJob(writes, "carol", Priority.LOW);
        // Low is two steps below high: after two aging intervals it competes as high, and it is the oldest.
        Duration longEnough = config.agingInterval().multipliedBy(2);

        for (Duration waited : List.of(Duration.ofMinutes(1), config.agingInterval(), longEnough.minusSeconds(1))) {
            clock.advance(waited.minus(Duration.between(old.createdAt(), clock.instant())));
            Job high = aQueuedJob(writes, "dave", Priority.HIGH);
            Job claimed = claim("replica-a", 1, NO_CAP).get(0);
            assertThat(claimed.id()).as("after waiting %s", waited).isEqualTo(high.id());
            // Each of dave's jobs ends before the next arrives, so dave never has more turns used than carol.
            assertThat(leases.succeed(claimed.id(), claimed.leaseOwner(), claimed.attempts(), JobFixtures.aScoreResult(80),
                    LlmUsage.none("local", "m")).await().atMost(WAIT)).isTrue();
        }

        clock.advance(Duration.ofSeconds(2));
        Job newer = aQueuedJob(writes, "dave", Priority.HIGH);
        assertThat(claim("replica-a", 1, NO_CAP)).extracting(Job::id).containsExactly(old.id());
        assertThat(claim("replica-a", 1, NO_CAP)).extracting(Job::id).containsExactly(newer.id());
    }

    @Test
    void aRetryableFailureRequeuesWithBackoffAndTheRetrySucceeds() {
        // Time stands still, so a loaded machine cannot let the backoff pass before it is checked.
        clock.freeze();
        Job job = aQueuedJob(writes, "alice", Priority.NORMAL);
        Job first = claim("one", 1, NO_CAP).get(0);

        outcomes.failed(first, "one", new JobFailure(new JobError("llm_error", "upstream 503", true), null), Duration.ZERO)
                .await().atMost(WAIT);
        Job waiting = find(job.id());
        assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(waiting.error().code()).isEqualTo("llm_error");
        assertThat(waiting.runAfter()).isAfter(clock.instant());
        assertThat(claim("one", 1, NO_CAP)).as("not before its backoff").isEmpty();

        clock.advance(Duration.between(clock.instant(), waiting.runAfter()).plusMillis(1));
        Job second = claim("one", 1, NO_CAP).get(0);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(leases.succeed(second.id(), "one", second.attempts(), JobFixtures.aScoreResult(80), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).isTrue();
        assertThat(find(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aPermanentFailureFailsAtOnce() {
        Job job = aQueuedJob(writes, "alice", Priority.NORMAL);
        Job claimed = claim("one", 1, NO_CAP).get(0);

        outcomes.failed(claimed, "one", new JobFailure(new JobError("invalid_output", "schema broken twice", false), null),
                Duration.ZERO).await().atMost(WAIT);

        Job failed = find(job.id());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo(new JobError("invalid_output", "schema broken twice", false));
        assertThat(failed.finishedAt()).isNotNull();
    }

    @Test
    void anExpiredLeaseIsRescuedWithItsAttemptCountedAndTheDeadHolderCannotComplete() {
        Job job = aQueuedJob(writes, "alice", Priority.NORMAL);
        claim("dead-replica", 1, NO_CAP);
        assertThat(leases.rescueExpired(100).await().atMost(WAIT)).as("not before the lease expires").isZero();

        clock.advance(LEASE.plusSeconds(1));
        assertThat(leases.rescueExpired(100).await().atMost(WAIT)).isEqualTo(1);
        Job rescued = find(job.id());
        assertThat(rescued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(rescued.error().code()).isEqualTo("lease_expired");
        assertThat(rescued.error().message()).isEqualTo("lease expired (attempt 1 of 3)");

        Job rerun = claim("live-replica", 1, NO_CAP).get(0);
        assertThat(rerun.attempts()).isEqualTo(2);
        // The dead holder comes back and tries to store its result: it lost the lease, so it cannot.
        assertThat(leases.succeed(job.id(), "dead-replica", job.attempts(), json.createObjectNode(), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).isFalse();
        assertThat(leases.succeed(job.id(), "live-replica", rerun.attempts(), JobFixtures.aScoreResult(1), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).isTrue();
        assertThat(leases.succeed(job.id(), "live-replica", rerun.attempts(), JobFixtures.aScoreResult(2), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).as("completes once").isFalse();
        assertThat(find(job.id()).result().get("score").asInt()).isEqualTo(1);
    }

    @Test
    void aStaleAttemptOfTheSameReplicaCannotRenewNorWriteOverItsNewAttempt() {
        Job job = aQueuedJob(writes, "local", Priority.NORMAL);
        Job first = claim("replica-a", 1, NO_CAP).get(0);
        // The replica stalls past its lease (a long pause): the job is rescued, and the same replica claims it again.
        clock.advance(LEASE.plusSeconds(1));
        assertThat(leases.rescueExpired(100).await().atMost(WAIT)).isEqualTo(1);
        Job second = claim("replica-a", 1, NO_CAP).get(0);
        assertThat(second.attempts()).isEqualTo(first.attempts() + 1);

        // The first attempt wakes up, renews and reports: it holds no lease any more, though its replica does.
        List<Held> stale = List.of(new Held(job.id(), first.attempts()));
        clock.advance(LEASE.dividedBy(2));
        assertThat(leases.heartbeat("replica-a", stale, LEASE).await().atMost(WAIT)).isZero();
        assertThat(leases.fail(job.id(), "replica-a", first.attempts(), new JobError("invalid_output", "stale", false))
                .await().atMost(WAIT)).isFalse();
        assertThat(leases.succeed(job.id(), "replica-a", first.attempts(), JobFixtures.aScoreResult(1), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).isFalse();
        assertThat(find(job.id()).status()).isEqualTo(JobStatus.RUNNING);

        // Nor do its renewals keep the second attempt's lease alive: the replica lost track of that
        // attempt, so it expires and the job runs again.
        clock.advance(LEASE.dividedBy(2).plusSeconds(1));
        assertThat(leases.heartbeat("replica-a", stale, LEASE).await().atMost(WAIT)).isZero();
        assertThat(leases.rescueExpired(100).await().atMost(WAIT)).isEqualTo(1);
        Job third = claim("replica-b", 1, NO_CAP).get(0);
        assertThat(third.attempts()).isEqualTo(second.attempts() + 1);

        assertThat(leases.succeed(job.id(), "replica-b", third.attempts(), JobFixtures.aScoreResult(2), LlmUsage.none("local", "m"))
                .await().atMost(WAIT)).isTrue();
        assertThat(find(job.id()).result().get("score").asInt()).isEqualTo(2);
    }

    @Test
    void aJobWhoseLastAttemptsLeaseExpiresFails() {
        Job job = aQueuedJob(writes, "alice", Priority.NORMAL);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(claim("dying-" + attempt, 1, NO_CAP)).hasSize(1);
            clock.advance(LEASE.plusSeconds(1));
            assertThat(leases.rescueExpired(100).await().atMost(WAIT)).isEqualTo(1);
        }

        Job failed = find(job.id());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().message()).isEqualTo("lease expired (attempt 3 of 3)");
        assertThat(failed.error().retryable()).isFalse();
    }

    @Test
    void aHeartbeatRenewsOnlyTheAttemptsItNames() {
        Job kept = aQueuedJob(writes, "alice", Priority.NORMAL);
        Job dropped = aQueuedJob(writes, "alice", Priority.NORMAL);
        List<Job> claimed = claim("replica-a", 2, NO_CAP);
        Job keptRun = claimed.stream().filter(job -> job.id().equals(kept.id())).findFirst().orElseThrow();

        clock.advance(LEASE.multipliedBy(2).dividedBy(3));
        assertThat(leases.heartbeat("replica-a", List.of(new Held(kept.id(), keptRun.attempts())), LEASE).await().atMost(WAIT))
                .isEqualTo(1);
        clock.advance(LEASE.dividedBy(2));

        assertThat(leases.rescueExpired(100).await().atMost(WAIT)).isEqualTo(1);
        assertThat(find(dropped.id()).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(find(kept.id()).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void heartbeatsKeepALeaseAliveUntilTheyStop() {
        aQueuedJob(writes, "alice", Priority.NORMAL);
        Job running = claim("busy-replica", 1, NO_CAP).get(0);
        List<Held> held = List.of(new Held(running.id(), running.attempts()));

        // Five lease durations pass, with a heartbeat every two-thirds of one.
        for (int i = 0; i < 7; i++) {
            clock.advance(LEASE.multipliedBy(2).dividedBy(3));
            assertThat(leases.heartbeat("busy-replica", held, LEASE).await().atMost(WAIT)).isEqualTo(1);
            assertThat(leases.rescueExpired(100).await().atMost(WAIT)).isZero();
        }

        clock.advance(LEASE.plusSeconds(1));
        assertThat(leases.rescueExpired(100).await().atMost(WAIT)).as("no heartbeat for a whole lease").isEqualTo(1);
    }

    @Test
    void releasedJobsGoBackToTheQueueWithTheirAttemptGivenBack() {
        Job job = aQueuedJob(writes, "alice", Priority.NORMAL);
        claim("stopping", 1, NO_CAP);

        assertThat(leases.releaseAll("stopping").await().atMost(WAIT)).isEqualTo(1);

        Job released = find(job.id());
        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.attempts()).isZero();
    }

    private List<Job> claim(String instance, int limit, int cap) {
        return leases.claim(limit, instance, LEASE, cap, config.agingInterval()).await().atMost(WAIT);
    }

    private Job find(UUID id) {
        return pool.preparedQuery("SELECT owner FROM jobs WHERE id = $1").execute(Tuple.of(id))
                .chain(rows -> jobs.findOwned(id, rows.iterator().next().getString("owner")))
                .await().atMost(WAIT).orElseThrow();
    }

    private void queue(String owner, Priority priority, int count, Instant from) {
        pool.preparedQuery(QUEUE_MANY).execute(Tuple.of(owner, priority.rank(), from.atOffset(ZoneOffset.UTC), count))
                .await().atMost(BULK_WAIT);
    }

    private UUID oldestQueued(String owner) {
        return pool.preparedQuery("SELECT id FROM jobs WHERE owner = $1 AND status = 'queued' ORDER BY created_at, id LIMIT 1")
                .execute(Tuple.of(owner)).await().atMost(WAIT)
                .iterator().next().getUUID("id");
    }
}
