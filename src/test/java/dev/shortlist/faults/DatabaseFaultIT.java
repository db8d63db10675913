package dev.shortlist.faults;

import static dev.shortlist.support.FaultRig.READY_AGAIN_WITHIN;
import static dev.shortlist.support.FaultRig.assertEveryRefusalRetryable;
import static dev.shortlist.support.FaultRig.awaitAcceptedAgain;
import static dev.shortlist.support.FaultRig.refusalTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.support.FaultRig;
import dev.shortlist.support.SteadyLoad;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL failing under the packaged service, under steady submit load with jobs in
 * flight: restarted, down for a while, a connection killed mid-claim and mid-completion,
 * the pool exhausted. Every accepted job ends exactly once, every refusal is a retryable
 * 503 naming the database, and the same process recovers by itself.
 */
class DatabaseFaultIT {

    private static final Duration ALL_ENDED_WITHIN = Duration.ofSeconds(60);
    /** The claim's advisory lock (taken inside claim_jobs(), migration V130): holding it makes the next claim wait. */
    private static final long CLAIM_LOCK = 7135462849L;

    private static FaultRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = FaultRig.shared();
    }

    @ParameterizedTest(name = "pg_ctl restart -m {0}")
    @ValueSource(strings = { "fast", "immediate" })
    void restartLosesNoJobAndRefusesOnlyWithRetryable503(String mode) throws Exception {
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            Instant faultStart = Instant.now();
            rig.postgres().restart(mode);
            Instant back = Instant.now();
            FaultRig.note("restarted in " + Duration.between(faultStart, back).toMillis() + " ms");
            rig.readiness().awaitReady(READY_AGAIN_WITHIN);
            awaitAcceptedAgain(load, back);
            load.close();

            // A restart shorter than the readiness check's own wait (1 s) may pass between two looks
            // without any check failing; a longer one must show as not ready.
            if (Duration.between(faultStart, back).compareTo(Duration.ofSeconds(1)) >= 0) {
                assertThat(rig.readiness().wasDownBetween(faultStart, back.plusSeconds(1)))
                        .as("readiness said not ready while PostgreSQL restarted: %s", rig.readiness().describe(faultStart, back))
                        .isTrue();
            }
            assertEveryRefusalRetryable(load, false);
            assertThat(refusalTypes(load)).as("problem types of refusals").isSubsetOf(DATABASE_PROBLEMS);
            rig.assertEveryAcceptedJobEndedOnce(load, ALL_ENDED_WITHIN, "succeeded");
        }
    }

    @Test
    void downForAWhileLosesNoJobAndRefusesWithDatabaseUnavailable() throws Exception {
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            Instant faultStart = Instant.now();
            rig.postgres().stopServer("fast");
            Thread.sleep(FaultRig.outage().toMillis());
            assertThat(rig.readiness().all(faultStart.plusSeconds(2), Instant.now(), look -> look.status() == 503))
                    .as("readiness not ready all through the outage").isTrue();
            rig.postgres().startServer();
            Instant back = Instant.now();
            rig.readiness().awaitReady(READY_AGAIN_WITHIN);
            awaitAcceptedAgain(load, back);
            load.close();

            assertEveryRefusalRetryable(load, false);
            assertThat(refusalTypes(load)).as("problem types of refusals")
                    .contains("https://shortlist.dev/problems/database-unavailable").isSubsetOf(DATABASE_PROBLEMS);
            rig.assertEveryAcceptedJobEndedOnce(load, ALL_ENDED_WITHIN, "succeeded");
        }
    }

    /** The claim waits on its lock; its connection is killed there, and the jobs it would have taken are claimed later. */
    @Test
    void connectionKilledMidClaimLosesNoJob() throws Exception {
        int killed = killWhileWaiting("SELECT pg_advisory_xact_lock(" + CLAIM_LOCK + ")",
                "wait_event_type = 'Lock' AND wait_event = 'advisory'");
        assertThat(killed).as("claims killed while they waited").isPositive();
    }

    /** Running jobs' rows are held, so their completion waits; its connection is killed there. */
    @Test
    void connectionKilledMidCompletionLosesNoJobAndCompletesEachOnce() throws Exception {
        int killed = killWhileWaiting("SELECT id FROM jobs WHERE status = 'running' FOR UPDATE",
                "wait_event_type = 'Lock' AND query LIKE '%status = ''succeeded''%'");
        assertThat(killed).as("completions killed while they waited").isPositive();
    }

    /**
     * Under load, takes a lock the service's statements then wait on, kills the service's
     * backends waiting there, lets go, and checks nothing was lost. The database stayed up,
     * so readiness has nothing to flip for; it is ready at the end.
     */
    private static int killWhileWaiting(String lock, String waitingCondition) throws Exception {
        try (SteadyLoad load = rig.load(); Connection holder = rig.postgres().connect()) {
            rig.awaitJobsInFlight(load);
            holder.setAutoCommit(false);
            try (Statement sql = holder.createStatement()) {
                sql.execute(lock);
            }
            int killed = terminateWaiting(waitingCondition);
            holder.commit();
            FaultRig.note(killed + " backends killed");
            awaitAcceptedAgain(load, Instant.now());
            load.close();

            rig.readiness().awaitReady(READY_AGAIN_WITHIN);
            assertEveryRefusalRetryable(load, false);
            rig.assertEveryAcceptedJobEndedOnce(load, ALL_ENDED_WITHIN, "succeeded");
            return killed;
        }
    }

    /**
     * Every statement that writes jobs takes four seconds (a statement trigger calling
     * pg_sleep), so claims, heartbeats, completions and submit inserts hold the service's
     * connections until the pool runs dry: submits that no insert takes within the acquire
     * timeout get 503 database-busy, readiness says not ready, and all is well once the
     * statements are quick again.
     */
    @Test
    void poolExhaustedByLongQueriesRefusesWith503AndRecovers() throws Exception {
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            Instant faultStart = Instant.now();
            Instant back;
            try {
                rig.postgres().execute("""
                        CREATE FUNCTION fault_slow_write() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN PERFORM pg_sleep(4); RETURN NULL; END $$
                        """, """
                        CREATE TRIGGER fault_slow_write BEFORE INSERT OR UPDATE ON jobs
                        FOR EACH STATEMENT EXECUTE FUNCTION fault_slow_write()
                        """);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> refusalTypes(load).contains("https://shortlist.dev/problems/database-busy"));
                Thread.sleep(FaultRig.outage().toMillis() / 2);
            } finally {
                rig.postgres().execute("DROP TRIGGER IF EXISTS fault_slow_write ON jobs", "DROP FUNCTION IF EXISTS fault_slow_write()");
                back = Instant.now();
            }
            rig.readiness().awaitReady(READY_AGAIN_WITHIN);
            awaitAcceptedAgain(load, back.plusSeconds(4));
            load.close();

            assertThat(rig.readiness().wasDownBetween(faultStart, back)).as("readiness said not ready while the pool was exhausted").isTrue();
            assertEveryRefusalRetryable(load, false);
            assertThat(refusalTypes(load)).isSubsetOf(DATABASE_PROBLEMS);
            rig.assertEveryAcceptedJobEndedOnce(load, ALL_ENDED_WITHIN, "succeeded");
        }
    }

    private static final java.util.List<String> DATABASE_PROBLEMS = java.util.List.of(
            "https://shortlist.dev/problems/database-unavailable", "https://shortlist.dev/problems/database-busy");

    /** Kills the service's backends that match, once at least one does; returns how many were killed. */
    private static int terminateWaiting(String condition) throws SQLException {
        String waiting = "FROM pg_stat_activity WHERE application_name NOT LIKE 'PostgreSQL JDBC%' AND pid <> pg_backend_pid() AND " + condition;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> count(waiting) > 0);
        try (Connection db = rig.postgres().connect(); Statement sql = db.createStatement();
                ResultSet killed = sql.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) " + waiting)) {
            killed.next();
            return killed.getInt(1);
        }
    }

    private static int count(String from) throws SQLException {
        try (Connection db = rig.postgres().connect(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) " + from)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
