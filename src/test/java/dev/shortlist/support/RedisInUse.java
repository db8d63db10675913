package dev.shortlist.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * The test's own Redis running, and the service using it again. After a Redis failure the
 * service counts limits on this replica alone for a pause; a test that began during one
 * would count some requests there and the rest in Redis. Readiness tries Redis even during
 * the pause, and its success ends the pause for every caller: wait for that.
 */
public final class RedisInUse {

    private RedisInUse() {
    }

    public static void restore() {
        RedisServer.instance().start();
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready")
                .then().body("checks.find { it.name == 'Redis' }.data.redis", equalTo("up")));
    }
}
