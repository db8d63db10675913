package dev.shortlist.faults;

import static dev.shortlist.support.FaultRig.READY_AGAIN_WITHIN;
import static dev.shortlist.support.FaultRig.assertEveryRefusalRetryable;
import static dev.shortlist.support.FaultRig.awaitAcceptedAgain;
import static dev.shortlist.support.FaultRig.refusalTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.support.FaultRig;
import dev.shortlist.support.SteadyLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis failing under the packaged service, under steady submit load: stopped for a while,
 * and answering slowly (DEBUG SLEEP on the test's own Redis). Redis holds nothing that
 * must survive, so the service keeps accepting and completing jobs; readiness stays ready
 * and reports {@code redis: degraded} while it lasts, {@code up} soon after.
 */
class RedisFaultIT {

    private static final Pattern DEGRADED = Pattern.compile("\"redis\"\\s*:\\s*\"degraded\"");
    private static final Pattern UP = Pattern.compile("\"redis\"\\s*:\\s*\"up\"");
    private static final List<String> ALLOWED_PROBLEMS = List.of("https://shortlist.dev/problems/redis-unavailable",
            "https://shortlist.dev/problems/database-busy");

    private static FaultRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = FaultRig.shared();
    }

    @Test
    void stoppedForAWhileKeepsAcceptingAndLosesNoJob() throws Exception {
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            Instant faultStart = Instant.now();
            rig.redis().stop();
            Thread.sleep(FaultRig.outage().toMillis());
            Instant faultEnd = Instant.now();
            rig.redis().start();
            FaultRig.note("redis back");
            awaitRedisUp(faultEnd);
            awaitAcceptedAgain(load, faultEnd);
            load.close();

            assertDegradedButReady(faultStart, faultEnd);
            assertThat(load.acceptedFrom(faultStart.plusSeconds(2)).size() - load.acceptedFrom(faultEnd).size())
                    .as("jobs accepted while Redis was down").isPositive();
            assertEveryRefusalRetryable(load, false);
            assertThat(refusalTypes(load)).isSubsetOf(ALLOWED_PROBLEMS);
            rig.assertEveryAcceptedJobEndedOnce(load, Duration.ofSeconds(60), "succeeded");
        }
    }

    /** Redis blocked for the whole outage by back-to-back DEBUG SLEEPs: every command waits until the client's timeout. */
    @Test
    void answeringSlowlyKeepsAcceptingAndLosesNoJob() throws Exception {
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            Instant faultStart = Instant.now();
            Instant until = faultStart.plus(FaultRig.outage());
            while (Instant.now().isBefore(until)) {
                Process sleep = new ProcessBuilder("redis-cli", "-p", String.valueOf(rig.redis().port()), "DEBUG", "SLEEP", "2")
                        .redirectErrorStream(true).start();
                String answer = new String(sleep.getInputStream().readAllBytes()).trim();
                sleep.waitFor();
                assertThat(answer).as("DEBUG SLEEP on the test's own Redis").isEqualTo("OK");
            }
            Instant faultEnd = Instant.now();
            FaultRig.note("redis fast again");
            awaitRedisUp(faultEnd);
            awaitAcceptedAgain(load, faultEnd);
            load.close();

            assertDegradedButReady(faultStart, faultEnd);
            assertEveryRefusalRetryable(load, false);
            assertThat(refusalTypes(load)).isSubsetOf(ALLOWED_PROBLEMS);
            rig.assertEveryAcceptedJobEndedOnce(load, Duration.ofSeconds(60), "succeeded");
        }
    }

    private static void assertDegradedButReady(Instant faultStart, Instant faultEnd) {
        assertThat(rig.readiness().any(faultStart, faultEnd, look -> DEGRADED.matcher(look.body()).find()))
                .as("readiness reported redis: degraded during the fault").isTrue();
        assertThat(rig.readiness().all(faultStart, faultEnd, look -> look.status() == 200))
                .as("readiness stayed ready: jobs are still accepted without Redis").isTrue();
    }

    private static void awaitRedisUp(Instant since) {
        await().atMost(READY_AGAIN_WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> rig.readiness().any(since, Instant.now(), look -> UP.matcher(look.body()).find()));
    }
}
