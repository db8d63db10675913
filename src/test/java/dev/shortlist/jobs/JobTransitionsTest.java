package dev.shortlist.jobs;

import static dev.shortlist.jobs.JobStatus.CANCELLED;
import static dev.shortlist.jobs.JobStatus.FAILED;
import static dev.shortlist.jobs.JobStatus.QUEUED;
import static dev.shortlist.jobs.JobStatus.RUNNING;
import static dev.shortlist.jobs.JobStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of legal moves, one test per source state, naming the allowed and the illegal targets. */
class JobTransitionsTest {

    @Test
    void aQueuedJobMayOnlyBeClaimedOrCancelled() {
        assertThat(JobTransitions.allowedFrom(QUEUED)).containsExactlyInAnyOrder(RUNNING, CANCELLED);
        assertThat(JobTransitions.isAllowed(QUEUED, SUCCEEDED)).isFalse();
        assertThat(JobTransitions.isAllowed(QUEUED, FAILED)).isFalse();
        assertThat(JobTransitions.isAllowed(QUEUED, QUEUED)).isFalse();
    }

    @Test
    void aRunningJobMayEndOrGoBackToTheQueue() {
        assertThat(JobTransitions.allowedFrom(RUNNING)).containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED, QUEUED);
        assertThat(JobTransitions.isAllowed(RUNNING, RUNNING)).isFalse();
    }

    @Test
    void aSucceededJobNeverMovesAgain() {
        assertThat(JobTransitions.allowedFrom(SUCCEEDED)).isEmpty();
    }

    @Test
    void aFailedJobNeverMovesAgain() {
        assertThat(JobTransitions.allowedFrom(FAILED)).isEmpty();
    }

    @Test
    void aCancelledJobNeverMovesAgain() {
        assertThat(JobTransitions.allowedFrom(CANCELLED)).isEmpty();
    }

    @Test
    void aGuardForAnIllegalMoveIsRefused() {
        assertThat(JobTransitions.guard(Set.of(RUNNING, QUEUED), CANCELLED)).isEqualTo("status IN ('queued', 'running')");
        assertThatThrownBy(() -> JobTransitions.guard(Set.of(SUCCEEDED), QUEUED))
                .hasMessage("a job may not move from succeeded to queued");
        assertThatThrownBy(() -> JobTransitions.initial(RUNNING)).hasMessage("a job may not be created running");
    }
}
