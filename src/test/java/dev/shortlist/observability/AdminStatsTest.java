package dev.shortlist.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminStatsTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    Pool pool;

    private static JsonPath stats() {
        return given().auth().oauth2(ADMIN).get("/api/v1/admin/stats").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void onlyAdminKeysSeeTheStatus() {
        given().get("/api/v1/admin/stats").then().statusCode(401);
        String userKey = given().auth().oauth2(ADMIN).contentType("application/json")
                .body("{\"name\": \"stats-user-" + UUID.randomUUID() + "\"}")
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("key");
        given().auth().oauth2(userKey).get("/api/v1/admin/stats").then().statusCode(403);
    }

    @Test
    void finishedJobsShowAsThroughputWithLatency() {
        String resume = "Backend engineer " + UUID.randomUUID() + ". Java, Spring Boot and PostgreSQL on Kubernetes.";
        for (int i = 0; i < 3; i++) {
            String id = Jobs.submit(Jobs.scoreRequest(resume + " Variant " + i, "Java developer: Spring Boot, PostgreSQL, Kafka."));
            assertThat(Jobs.awaitEnd(id).getString("status")).isEqualTo("succeeded");
        }

        JsonPath after = stats();
        assertThat(after.getList("throughput.minutes", Integer.class)).containsExactly(1, 5, 15);
        // The window slides: jobs counted a moment ago may have left it, the three just finished have not.
        assertThat(after.getLong("throughput[0].succeeded")).isGreaterThanOrEqualTo(3);
        assertThat(after.getDouble("throughput[0].successRate")).isGreaterThan(0.0);
        assertThat(after.getDouble("throughput[0].latencyP50Ms")).isGreaterThan(0.0);
        assertThat(after.getDouble("throughput[2].latencyP95Ms")).isGreaterThanOrEqualTo(after.getDouble("throughput[2].latencyP50Ms"));
        // The cache counts are this replica's lookups, as its metrics count them.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(after.getLong("cache.misses")).isEqualTo(counted(metrics, "shortlist_cache_lookups_total{outcome=\"miss\"}"));
        assertThat(after.getInt("databasePool.max")).isEqualTo(20);
        assertThat(after.getLong("databasePool.inUse")).isGreaterThanOrEqualTo(0);
    }

    private static long counted(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series)).findFirst()
                .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0L);
    }

    /** Inserted straight into the table, out of this replica's pipeline's reach. */
    private void insertJob(UUID id, String status, String leaseOwner, String runAfter, String createdAt) {
        pool.preparedQuery("""
                INSERT INTO jobs (id, owner, type, priority, input, input_hash, status, attempts, lease_owner, lease_expires_at,
                                  started_at, run_after, created_at)
                VALUES ($1, 'stats-owner', 'score', 3, '{}'::jsonb, $1::text, $2, $3, $4,
                        CASE WHEN $4::text IS NULL THEN NULL ELSE now() + interval '1 hour' END,
                        CASE WHEN $4::text IS NULL THEN NULL ELSE now() END, now() + $5::interval, now() - $6::interval)
                """).execute(Tuple.from(new Object[] { id, status, leaseOwner == null ? 0 : 1, leaseOwner, runAfter, createdAt }))
                .await().atMost(WAIT);
    }

    @Test
    void queueByStateAndPriorityOldestQueuedAndRunningPerReplica() {
        UUID waiting = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        try {
            // One waits for a retry an hour away, the other is held by another replica.
            insertJob(waiting, "queued", null, "1 hour", "90 seconds");
            insertJob(running, "running", "replica-far-away", "0 seconds", "0 seconds");

            JsonPath status = stats();
            assertThat(status.getLong("queue.byStatus.waiting")).isGreaterThanOrEqualTo(1);
            assertThat(status.getLong("queue.queuedByPriority.low")).isGreaterThanOrEqualTo(1);
            assertThat(status.getLong("queue.queuedByType.score")).isGreaterThanOrEqualTo(1);
            assertThat(status.getLong("queue.oldestQueuedSeconds")).isGreaterThanOrEqualTo(90);
            assertThat(status.getList("running.findAll { it.replica == 'replica-far-away' }.running", Integer.class)).containsExactly(1);
        } finally {
            pool.preparedQuery("DELETE FROM jobs WHERE id = ANY($1)")
                    .execute(Tuple.of(new UUID[] { waiting, running })).await().atMost(WAIT);
        }
    }
}
