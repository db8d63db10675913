package dev.shortlist.quota;

import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.observability.RedisAvailability;
import dev.shortlist.support.LimitsProfile;
import dev.shortlist.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits per key and route class, and per client IP on failed authentication. */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class RateLimitTest {

    static final String ADMIN = "sl_test_admin_key_for_tests_only";

    @Inject
    RedisAvailability availability;

    @AfterEach
    void redisIsBack() {
        RedisServer.instance().start();
        // Counted in Redis again, not partly in this replica's fallback buckets.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready")
                .then().body("checks.find { it.name == 'Redis' }.data.redis", equalTo("up")));
        await().atMost(Duration.ofSeconds(15)).until(availability::usable);
    }

    @Test
    void submitsCountDownToA429WithRetryAfterWhileReadsKeepTheirOwnLimit() {
        String key = createKey(Map.of("submitPerMinute", 3, "readPerMinute", 50));

        for (int remaining = 2; remaining >= 0; remaining--) {
            submit(key).then().statusCode(202)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", String.valueOf(remaining))
                    .header("RateLimit-Reset", org.hamcrest.Matchers.notNullValue());
        }
        Response refused = submit(key);
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("RateLimit-Limit", "3")
                .header("RateLimit-Remaining", "0")
                .body("type", containsString("rate-limited"))
                .body("detail", containsString("3 submit requests per minute"));
        // One token comes back every 20 s (3 per minute).
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20);
        assertThat(Integer.parseInt(refused.header("RateLimit-Reset"))).isBetween(40, 60);

        given().auth().oauth2(key).get("/api/v1/jobs").then().statusCode(200)
                .header("RateLimit-Limit", "50")
                .header("RateLimit-Remaining", "49");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("shortlist_rate_limit_rejections_total{route_class=\"submit\"}"));
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        String first = createKey(Map.of("submitPerMinute", 1));
        String second = createKey(Map.of("submitPerMinute", 1));

        submit(first).then().statusCode(202);
        submit(first).then().statusCode(429);
        submit(second).then().statusCode(202).header("RateLimit-Remaining", "0");
    }

    @Test
    void repeatedFailedAuthenticationFromOneAddressIsRefusedBeforeTheKeyIsChecked() {
        String good = createKey(Map.of());
        String address = "10.0." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 14; attempt++) {
            statuses.add(from(address).auth().oauth2("sl_guess_" + attempt).get("/api/v1/jobs").statusCode());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 14)).containsOnly(429);
        from("10.1.0.1").auth().oauth2(good).get("/api/v1/jobs").then().statusCode(200);
        Response refused = from(address).auth().oauth2(good).get("/api/v1/jobs");
        refused.then().statusCode(429).contentType("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 6);
    }

    @Test
    void withRedisDownEachReplicaStillCountsAndRefuses() {
        String key = createKey(Map.of("readPerMinute", 3));
        RedisServer.instance().stop();

        for (int remaining = 2; remaining >= 0; remaining--) {
            given().auth().oauth2(key).get("/api/v1/jobs").then().statusCode(200)
                    .header("RateLimit-Remaining", String.valueOf(remaining));
        }
        given().auth().oauth2(key).get("/api/v1/jobs").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // Another key is not refused: degraded mode limits, it does not shut the door.
        String other = given().auth().oauth2(ADMIN).get("/api/v1/admin/keys").then().statusCode(200).extract().asString();
        assertThat(other).isNotEmpty();
    }

    static String createKey(Map<String, Object> limits) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "limited-" + UUID.randomUUID(), "limits", limits))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("key");
    }

    /** A request as if from another client address, as a proxy in front of the service reports it. */
    private static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }

    private static Response submit(String key) {
        return given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(scoreRequest("Java developer", "Java and Kafka")).post("/api/v1/jobs");
    }
}
