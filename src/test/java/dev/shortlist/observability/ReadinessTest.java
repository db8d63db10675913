package dev.shortlist.observability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.platform.redis.RedisGuard;
import dev.shortlist.support.OwnRedisProfile;
import dev.shortlist.support.RedisInUse;
import dev.shortlist.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ReadinessTest.LongPause.class)
class ReadinessTest {

    /**
     * After a Redis failure its users go around it for a pause; here a long one, so a test
     * can tell a pause ended by Redis coming back from one that ran out.
     */
    public static class LongPause extends OwnRedisProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shortlist.redis.retry-after-failure", "10m");
        }
    }

    @Inject
    RedisGuard redis;

    @AfterEach
    void redisIsBack() {
        RedisServer.instance().start();
    }

    @Test
    void readinessIsUpWithPostgresAndRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void livenessStaysUpWhileRedisIsDown() {
        RedisServer.instance().stop();
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessStaysUpWithRedisDegradedWhileRedisIsStoppedAndRecoversAfterItRestarts() {
        RedisServer.instance().stop();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Redis' }.data.redis", equalTo("degraded")));

        RedisServer.instance().start();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("checks.find { it.name == 'Redis' }.data.redis", equalTo("up")));
    }

    @Test
    void whenReadinessSeesRedisBackEveryRedisUserUsesItAgainAtOnce() {
        RedisServer.instance().stop();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready")
                .then().body("checks.find { it.name == 'Redis' }.data.redis", equalTo("degraded")));
        assertThat(redis.usable()).as("callers go around a Redis that is down").isFalse();

        RedisInUse.restore();

        assertThat(redis.usable()).as("the ten-minute pause ended when Redis answered again").isTrue();
    }
}
