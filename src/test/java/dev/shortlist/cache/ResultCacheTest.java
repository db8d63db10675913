package dev.shortlist.cache;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static dev.shortlist.support.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import dev.shortlist.support.RedisInUse;
import dev.shortlist.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LlmStubProfile.class)
class ResultCacheTest {

    private LlmStubServer stub;

    @BeforeEach
    void freshStub() {
        stub = LlmStubResource.freshStub();
    }

    @AfterEach
    void redisIsBack() {
        RedisServer.instance().start();
    }

    private static Map<String, Object> uniqueScoreRequest() {
        return scoreRequest("Ana Ruiz — Java developer, PostgreSQL, REST APIs. Ref " + UUID.randomUUID(),
                JobDescriptions.JAVA_DEVELOPER);
    }

    private static JsonPath post(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/jobs")
                .then().statusCode(202)
                .extract().jsonPath();
    }

    @Test
    void aSecondIdenticalSubmitIsAnsweredFromTheCacheAtSubmitTime() {
        Map<String, Object> request = uniqueScoreRequest();
        JsonPath first = awaitEnd(submit(request));

        JsonPath second = post(request);

        assertThat(first.getString("status")).isEqualTo("succeeded");
        assertThat(first.getBoolean("cacheHit")).isFalse();
        assertThat(second.getString("status")).isEqualTo("succeeded");
        assertThat(second.getBoolean("cacheHit")).isTrue();
        assertThat(second.getMap("result")).isEqualTo(first.getMap("result"));
        assertThat(second.getString("usage.model")).isEqualTo(LlmStubResource.MODEL);
        assertThat(second.getDouble("usage.costUsd")).isZero();
        assertThat(stub.requestCount()).isEqualTo(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("shortlist_cache_lookups_total{outcome=\"hit\"}"));
    }

    @Test
    void twoIdenticalConcurrentSubmitsCauseExactlyOneModelCall() {
        stub.options(new LlmStubServer.Options(0, Duration.ofMillis(500), LlmStubResource.API_KEY, 0, 0, 1, 0, 0));
        Map<String, Object> request = uniqueScoreRequest();

        String[] ids = IntStream.range(0, 2).parallel().mapToObj(i -> submit(request)).toArray(String[]::new);

        JsonPath first = awaitEnd(ids[0]);
        JsonPath second = awaitEnd(ids[1]);
        assertThat(first.getString("status")).isEqualTo("succeeded");
        assertThat(second.getString("status")).isEqualTo("succeeded");
        assertThat(second.getMap("result")).isEqualTo(first.getMap("result"));
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void withRedisStoppedJobsStillSucceedAndOnceItIsBackTheCacheWorksAgain() {
        RedisServer.instance().stop();
        Map<String, Object> whileDown = uniqueScoreRequest();

        JsonPath first = awaitEnd(submit(whileDown));
        JsonPath again = awaitEnd(submit(whileDown));

        assertThat(first.getString("status")).isEqualTo("succeeded");
        assertThat(first.getString("result.engine")).isEqualTo("openai");
        assertThat(again.getString("status")).isEqualTo("succeeded");
        assertThat(again.getBoolean("cacheHit")).as("no cache without Redis").isFalse();

        RedisInUse.restore();
        // The client finds out its old connections died on first use; within a few jobs the cache serves again.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Object> afterRestart = uniqueScoreRequest();
            awaitEnd(submit(afterRestart));
            JsonPath repeated = post(afterRestart);
            assertThat(repeated.getBoolean("cacheHit")).isTrue();
            assertThat(repeated.getString("status")).isEqualTo("succeeded");
        });
    }
}
