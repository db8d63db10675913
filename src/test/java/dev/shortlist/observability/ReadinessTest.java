package dev.shortlist.observability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.support.OwnRedisProfile;
import dev.shortlist.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OwnRedisProfile.class)
class ReadinessTest {

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
}
