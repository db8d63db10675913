package dev.shortlist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.MovableClock;
import dev.shortlist.support.PipelineOffProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a job that failed for a passing reason runs again, as configured by the test profile
 * (first retry after up to 200 ms) and the default cap (5 min). Time is frozen, so each wait
 * is read exactly from the instant the policy names.
 */
@QuarkusTest
@TestProfile(PipelineOffProfile.class)
class RetryPolicyTest {

    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofMinutes(5);
    /** Draws per attempt: enough for the jitter to show its range. */
    private static final int DRAWS = 200;

    @Inject
    RetryPolicy policy;

    @Inject
    MovableClock clock;

    @BeforeEach
    void freezeTime() {
        clock.freeze();
    }

    @AfterEach
    void resetTime() {
        clock.reset();
    }

    @Test
    void eachRetryWaitsUpToTwiceAsLongAsTheOneBeforeAndNeverLessThanHalfOfThat() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = INITIAL.toMillis() << (attempt - 1);
            LongSummaryStatistics waits = waits(attempt);
            assertThat(waits.getMin()).as("attempt %d waits at least half its step", attempt).isGreaterThanOrEqualTo(ceiling / 2);
            assertThat(waits.getMax()).as("attempt %d waits at most its step", attempt).isLessThanOrEqualTo(ceiling);
            assertThat(waits.getMax() - waits.getMin()).as("attempt %d is jittered", attempt).isPositive();
        }
        assertThat(waits(4).getMin()).as("a later retry waits longer than any earlier one could")
                .isGreaterThanOrEqualTo(waits(2).getMax());
    }

    @Test
    void noRetryWaitsLongerThanTheCapHoweverManyAttemptsFailed() {
        for (int attempt : new int[] { 12, 20, 29, 30, 31, 63, 64, 1_000, Integer.MAX_VALUE }) {
            LongSummaryStatistics waits = waits(attempt);
            assertThat(waits.getMax()).as("attempt %d", attempt).isLessThanOrEqualTo(CAP.toMillis());
            assertThat(waits.getMin()).as("attempt %d still backs off", attempt).isGreaterThanOrEqualTo(CAP.toMillis() / 2);
        }
    }

    @Test
    void aRetryIsNeverImmediateEvenBeforeAnyAttemptCounted() {
        assertThat(waits(0).getMin()).isGreaterThanOrEqualTo(INITIAL.toMillis() / 2);
    }

    @Test
    void theWaitIsCountedFromTheServicesClock() {
        Instant now = clock.instant();
        clock.advance(Duration.ofHours(3));
        Instant runAfter = policy.nextRunAfter(1);
        assertThat(runAfter).isAfterOrEqualTo(now.plus(Duration.ofHours(3)).plus(INITIAL.dividedBy(2)))
                .isBeforeOrEqualTo(now.plus(Duration.ofHours(3)).plus(INITIAL));
    }

    /** The waits the policy names after the given attempt failed, over many draws. */
    private LongSummaryStatistics waits(int attempt) {
        Instant now = clock.instant();
        return IntStream.range(0, DRAWS)
                .mapToLong(i -> Duration.between(now, policy.nextRunAfter(attempt)).toMillis())
                .summaryStatistics();
    }
}
