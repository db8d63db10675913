package dev.shortlist.platform.quota;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.LimitedKeys;
import dev.shortlist.support.LimitsProfile;
import dev.shortlist.support.RedisInUse;
import dev.shortlist.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate limits, the brute-force limit, daily quotas and their audit trail, with Redis and without it. */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class LimitsTest {

    private static final String ADMIN = LimitedKeys.ADMIN;

    /** Each test counts in one place: Redis, running and in use (a test class before may have stopped it). */
    @BeforeEach
    @AfterEach
    void redisInUse() {
        RedisInUse.restore();
    }

    private static String keyWith(Map<String, Object> limits) {
        return LimitedKeys.keyWith(limits);
    }

    private static Response submit(String key, String type) {
        return LimitedKeys.submit(key, type, "198.51.100.2");
    }

    @Test
    void limitHeadersCountDownAndTheRequestPastTheLimitGets429WithRetryAfter() {
        String key = keyWith(Map.of("submitPerMinute", 3));

        for (int remaining = 2; remaining >= 0; remaining--) {
            Response accepted = submit(key, "score");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(accepted.header("RateLimit-Remaining")).isEqualTo(String.valueOf(remaining));
            assertThat(Integer.parseInt(accepted.header("RateLimit-Reset"))).isBetween(1, 60);
        }
        Response refused = submit(key, "score");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("limit")).isEqualTo("per-minute");
        assertThat(refused.jsonPath().getString("detail")).contains("submit rate limit of 3 requests per minute");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        // Three a minute refill one every 20 seconds: the next one is allowed within that.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20);
        // Reads have their own bucket.
        given().header("Authorization", key).get("/api/v1/jobs").then().statusCode(200).header("RateLimit-Limit", "1000000");
    }

    /** Most reads are spent from tokens taken from Redis several at a time; the count the caller sees is still exact. */
    @Test
    void readsCountDownOneByOneAndTheReadPastTheLimitGets429() {
        String key = keyWith(Map.of("readPerMinute", 12));

        for (int remaining = 11; remaining >= 0; remaining--) {
            Response read = given().header("Authorization", key).header("X-Forwarded-For", "198.51.100.2").get("/api/v1/jobs");
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.header("RateLimit-Limit")).isEqualTo("12");
            assertThat(read.header("RateLimit-Remaining")).as("remaining after read %d", 12 - remaining)
                    .isEqualTo(String.valueOf(remaining));
        }
        Response refused = given().header("Authorization", key).header("X-Forwarded-For", "198.51.100.2").get("/api/v1/jobs");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("detail")).contains("read rate limit of 12 requests per minute");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void theDailyQuotaStopsSubmitsAndUsageShowsIt() {
        String key = keyWith(Map.of("jobsPerDay", 3, "jobsPerDayByType", Map.of("tailor", 1), "submitPerMinute", 6));

        assertThat(submit(key, "tailor").statusCode()).isEqualTo(202);
        Response secondTailor = submit(key, "tailor");
        assertThat(secondTailor.statusCode()).isEqualTo(429);
        assertThat(secondTailor.jsonPath().getString("detail")).contains("jobs-per-day of tailor");
        assertThat(Long.parseLong(secondTailor.header("Retry-After"))).isBetween(1L, 86_400L);
        assertThat(submit(key, "score").statusCode()).isEqualTo(202);
        assertThat(submit(key, "score").statusCode()).isEqualTo(202);
        Response overAll = submit(key, "score");
        assertThat(overAll.statusCode()).isEqualTo(429);
        assertThat(overAll.jsonPath().getString("detail")).contains("jobs-per-day (3 jobs)");

        var usage = given().header("Authorization", key).get("/api/v1/usage").then().statusCode(200).extract().jsonPath();
        assertThat(usage.getList("quotas.findAll { it.type == null }.used", Integer.class)).containsExactly(3);
        assertThat(usage.getList("quotas.findAll { it.type == null }.remaining", Integer.class)).containsExactly(0);
        assertThat(usage.getList("quotas.findAll { it.type == 'tailor' }.used", Integer.class)).containsExactly(1);
        assertThat(usage.getString("quotas[0].resetAt")).endsWith("T00:00:00Z");
        assertThat(usage.getList("rateLimits.routeClass")).containsExactly("submit", "upload", "read");
        // Five submits from a bucket of 6 that refills one every 10 seconds.
        assertThat(usage.getInt("rateLimits.find { it.routeClass == 'submit' }.limit")).isEqualTo(6);
        assertThat(usage.getInt("rateLimits.find { it.routeClass == 'submit' }.remaining")).isBetween(1, 2);
    }

    @Test
    void guessingKeysFromOneAddressIsSlowedBy429s() {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(given().header("Authorization", "Bearer sl_guess_" + i).header("X-Forwarded-For", "203.0.113.9")
                    .get("/api/v1/jobs").statusCode());
        }

        assertThat(statuses.subList(0, 4)).containsOnly(401);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
        // Another address is not held back by it.
        given().header("Authorization", "Bearer sl_other").header("X-Forwarded-For", "203.0.113.10")
                .get("/api/v1/jobs").then().statusCode(401);
    }

    @Test
    void withRedisStoppedLimitsStillApplyOnThisReplicaAndTheServiceStaysUp() {
        String key = keyWith(Map.of("submitPerMinute", 2, "jobsPerDay", 5));
        RedisServer.instance().stop();

        assertThat(submit(key, "score").statusCode()).isEqualTo(202);
        assertThat(submit(key, "score").statusCode()).isEqualTo(202);
        Response refused = submit(key, "score");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void refusalsAndAdminActionsAreAuditedForAdminsOnly() {
        String key = keyWith(Map.of("submitPerMinute", 1));
        submit(key, "score");
        submit(key, "score");
        given().header("Authorization", "Bearer sl_wrong_key").header("X-Forwarded-For", "192.0.2.44").get("/api/v1/jobs");

        // Audit rows are written after the answers: wait for them.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            var limited = given().header("Authorization", ADMIN).queryParam("kind", "rate_limited")
                    .get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath();
            assertThat(limited.getList("items.owner")).isNotEmpty();
            assertThat(limited.getList("items.kind")).containsOnly("rate_limited");
            var failed = given().header("Authorization", ADMIN).queryParam("kind", "auth_failed")
                    .get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath();
            assertThat(failed.getList("items.clientIp")).contains("192.0.2.44");
        });
        var firstPage = given().header("Authorization", ADMIN).queryParam("limit", 1)
                .get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath();
        assertThat(firstPage.getList("items")).hasSize(1);
        String cursor = firstPage.getString("nextCursor");
        var secondPage = given().header("Authorization", ADMIN).queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath();
        assertThat(secondPage.getLong("items[0].id")).isLessThan(firstPage.getLong("items[0].id"));
        assertThat(given().header("Authorization", ADMIN).queryParam("kind", "key_created").get("/api/v1/admin/audit")
                .then().extract().jsonPath().getList("items")).isNotEmpty();

        given().header("Authorization", key).get("/api/v1/admin/audit").then().statusCode(403);
    }

    @Test
    void aFloodOfRefusalsIsAuditedWithoutLosingCountOfAnyRefusal() throws Exception {
        var created = given().header("Authorization", ADMIN).header("X-Forwarded-For", "198.51.100.1").contentType(ContentType.JSON)
                .body(Map.of("name", "flood-" + UUID.randomUUID(), "limits", Map.of("readPerMinute", 1)))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().jsonPath();
        String key = "Bearer " + created.getString("key");
        String owner = created.getString("id");
        double droppedBefore = droppedRateLimitedEvents();
        int requests = 300;

        List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        var senders = java.util.concurrent.Executors.newFixedThreadPool(32);
        for (int i = 0; i < requests; i++) {
            senders.submit(() -> statuses.add(given().header("Authorization", key).get("/api/v1/usage").statusCode()));
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(statuses).hasSize(requests).containsOnly(200, 429);
        long refused = statuses.stream().filter(status -> status == 429).count();
        assertThat(refused).isGreaterThanOrEqualTo(requests - 2);
        // Every refusal is either an audit row or counted as dropped: at most 64 rows are in
        // flight at once, so a flood cannot crowd the database, and none goes unaccounted.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                auditRows(owner) + (long) (droppedRateLimitedEvents() - droppedBefore)).isEqualTo(refused));
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static long auditRows(String owner) {
        var events = given().header("Authorization", ADMIN).header("X-Forwarded-For", "198.51.100.1")
                .queryParam("kind", "rate_limited").queryParam("limit", 200)
                .get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath();
        long rows = 0;
        String cursor = null;
        while (true) {
            var page = cursor == null ? events : given().header("Authorization", ADMIN).header("X-Forwarded-For", "198.51.100.1")
                    .queryParam("kind", "rate_limited").queryParam("limit", 200).queryParam("cursor", cursor)
                    .get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath();
            rows += page.getList("items.owner", String.class).stream().filter(owner::equals).count();
            cursor = page.getString("nextCursor");
            if (cursor == null || page.getList("items").isEmpty()) {
                return rows;
            }
        }
    }

    private static double droppedRateLimitedEvents() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("shortlist_audit_events_dropped_total{") && line.contains("kind=\"rate_limited\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
