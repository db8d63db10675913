package dev.shortlist.platform.quota;

import static dev.shortlist.support.LimitedKeys.keyWith;
import static dev.shortlist.support.LimitedKeys.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.LimitsProfile;
import dev.shortlist.support.MovableClock;
import dev.shortlist.support.RedisInUse;
import dev.shortlist.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hourly and daily limit windows per key and per client address, and the hourly document
 * and resume quotas: refusals name their window and say when to come back, the next
 * window opens again, and the usage answer shows every window. Time is frozen, and moved
 * across window boundaries, by the service's clock.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class LimitWindowsTest {

    @Inject
    MovableClock clock;

    /** Redis in use before the clock stops: a pause after a failure would not end on a frozen clock. */
    @BeforeEach
    void freezeTime() {
        RedisInUse.restore();
        clock.freeze();
    }

    @AfterEach
    void restore() {
        clock.reset();
        RedisInUse.restore();
    }

    @Test
    void theHourWindowRefusesWithRetryAfterUntilTheHourEndsThenOpensAgain() {
        String key = keyWith(Map.of("submitPerHour", 2, "submitPerMinute", 100));
        String address = newAddress();
        long secondsToNextHour = secondsToNextHour();

        assertThat(submit(key, "score", address).statusCode()).isEqualTo(202);
        Response last = submit(key, "score", address);
        assertThat(last.statusCode()).isEqualTo(202);
        // The hour window is now the tightest limit: the headers are its.
        assertThat(last.header("RateLimit-Limit")).isEqualTo("2");
        assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
        Response refused = submit(key, "score", address);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("limit")).isEqualTo("per-hour");
        assertThat(refused.jsonPath().getString("detail")).contains("per-hour submit limit of 2 requests for this key");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(secondsToNextHour);
        assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isEqualTo(secondsToNextHour);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("2");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");

        clock.advance(Duration.ofSeconds(secondsToNextHour));

        assertThat(submit(key, "score", address).statusCode()).isEqualTo(202);
    }

    @Test
    void oneClientAddressSharesItsUploadWindowAcrossKeys() {
        String first = keyWith(Map.of());
        String second = keyWith(Map.of());
        String address = newAddress();

        assertThat(upload(first, address).statusCode()).isEqualTo(201);
        assertThat(upload(first, address).statusCode()).isEqualTo(201);
        assertThat(upload(second, address).statusCode()).isEqualTo(201);
        Response refused = upload(second, address);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("limit")).isEqualTo("per-hour");
        assertThat(refused.jsonPath().getString("detail")).contains("per-hour upload limit of 3 requests from this client address");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(secondsToNextHour());
        // The same key from another address is not held back, and the address's own window shows in its usage.
        assertThat(upload(second, newAddress()).statusCode()).isEqualTo(201);
        JsonPath usage = usage(first, address);
        assertThat(usage.getInt("windows.find { it.name == 'per-hour' && it.routeClass == 'upload' && it.scope == 'address' }.used"))
                .isEqualTo(3);
        assertThat(usage.getInt("windows.find { it.name == 'per-hour' && it.routeClass == 'upload' && it.scope == 'key' }.used"))
                .isEqualTo(2);
    }

    @Test
    void documentsPerHourCountsEachStoredDocumentAndNotARepeatedFile() {
        String key = keyWith(Map.of("documentsPerHour", 2));
        byte[] repeated = resumeText();

        assertThat(upload(key, newAddress(), repeated).statusCode()).isEqualTo(201);
        // The same bytes again answer the existing document: nothing stored, nothing counted.
        assertThat(upload(key, newAddress(), repeated).statusCode()).isEqualTo(200);
        assertThat(upload(key, newAddress()).statusCode()).isEqualTo(201);
        Response refused = upload(key, newAddress());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("limit")).isEqualTo("documents-per-hour");
        assertThat(refused.jsonPath().getString("detail")).contains("documents-per-hour limit of 2 documents");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(secondsToNextHour());
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("2");
        JsonPath usage = usage(key, newAddress());
        assertThat(usage.getInt("windows.find { it.name == 'documents-per-hour' }.used")).isEqualTo(2);
        assertThat(usage.getInt("windows.find { it.name == 'documents-per-hour' }.remaining")).isZero();

        clock.advance(Duration.ofSeconds(secondsToNextHour()));

        assertThat(upload(key, newAddress()).statusCode()).isEqualTo(201);
    }

    @Test
    void aBulkUploadFromAKeyWithNoDocumentsLeftIsRefusedBeforeAnyFileIsStored() {
        String key = keyWith(Map.of("documentsPerHour", 1));
        String address = newAddress();
        assertThat(upload(key, address).statusCode()).isEqualTo(201);
        byte[] first = resumeText();

        Response refused = given().header("Authorization", key).header("X-Forwarded-For", address)
                .multiPart("files", "first.txt", first, "text/plain")
                .multiPart("files", "second.txt", resumeText(), "text/plain")
                .post("/api/v1/documents/bulk");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("limit")).isEqualTo("documents-per-hour");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(secondsToNextHour());
        assertThat(usage(key, address).getInt("windows.find { it.name == 'documents-per-hour' }.used")).isEqualTo(1);
        // Nothing of it was stored: next hour, the same file is a new document (201), not an existing one (200).
        clock.advance(Duration.ofSeconds(secondsToNextHour()));
        assertThat(upload(key, address, first).statusCode()).isEqualTo(201);
    }

    @Test
    void aBatchOverTheResumesPerHourLimitIsRefusedWholeAndCreatesNothing() {
        String key = keyWith(Map.of("resumesPerHour", 500));
        String address = newAddress();

        Response refused = batch(key, address, 600);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("limit")).isEqualTo("resumes-per-hour");
        assertThat(refused.jsonPath().getString("detail")).contains("resumes-per-hour limit of 500 resumes", "600 asked, 500 left");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(secondsToNextHour());
        assertThat(given().header("Authorization", key).get("/api/v1/jobs").then().statusCode(200).extract().jsonPath()
                .getList("items")).isEmpty();
        assertThat(usage(key, address).getInt("windows.find { it.name == 'resumes-per-hour' }.used")).isZero();
        // What fits is taken, unit by unit: 400 now leaves 100 for this hour.
        assertThat(batch(key, address, 400).statusCode()).isEqualTo(202);
        assertThat(batch(key, address, 101).statusCode()).isEqualTo(429);
        assertThat(usage(key, address).getInt("windows.find { it.name == 'resumes-per-hour' }.remaining")).isEqualTo(100);
    }

    @Test
    void usageShowsEveryWindowWithItsLimitUseAndReset() {
        String key = keyWith(Map.of("submitPerHour", 5, "submitPerDay", 7));
        String address = newAddress();
        submit(key, "score", address);
        submit(key, "score", address);

        JsonPath usage = usage(key, address);

        assertThat(usage.getList("windows.findAll { it.scope == 'key' && it.routeClass != null }.name"))
                .containsExactly("per-hour", "per-day", "per-hour", "per-day", "per-hour", "per-day");
        assertThat(usage.getList("windows.findAll { it.routeClass == null }.name"))
                .containsExactly("documents-per-hour", "resumes-per-hour");
        String submitHour = "windows.find { it.name == 'per-hour' && it.routeClass == 'submit' && it.scope == 'key' }";
        assertThat(usage.getInt(submitHour + ".limit")).isEqualTo(5);
        assertThat(usage.getInt(submitHour + ".used")).isEqualTo(2);
        assertThat(usage.getInt(submitHour + ".remaining")).isEqualTo(3);
        assertThat(Instant.parse(usage.getString(submitHour + ".resetAt"))).isEqualTo(nextHour());
        String submitDay = "windows.find { it.name == 'per-day' && it.routeClass == 'submit' && it.scope == 'key' }";
        assertThat(usage.getInt(submitDay + ".remaining")).isEqualTo(5);
        assertThat(usage.getString(submitDay + ".resetAt")).endsWith("T00:00:00Z");
        assertThat(usage.getInt("windows.find { it.name == 'per-hour' && it.routeClass == 'submit' && it.scope == 'address' }.used"))
                .isEqualTo(2);
    }

    @Test
    void withRedisStoppedTheHourWindowStillHoldsOnThisReplica() {
        String key = keyWith(Map.of("submitPerHour", 2, "submitPerMinute", 100));
        String address = newAddress();
        RedisServer.instance().stop();

        assertThat(submit(key, "score", address).statusCode()).isEqualTo(202);
        assertThat(submit(key, "score", address).statusCode()).isEqualTo(202);
        Response refused = submit(key, "score", address);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("detail")).contains("per-hour submit limit of 2 requests");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(secondsToNextHour());
        // Another key from another address is not held back by it.
        assertThat(submit(keyWith(Map.of()), "score", newAddress()).statusCode()).isEqualTo(202);
    }

    private Instant nextHour() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    }

    /** Seconds until the next hour, rounded up as the headers round them. */
    private long secondsToNextHour() {
        return Allowance.seconds(Duration.between(clock.instant(), nextHour()));
    }

    /** A client address of this test's own (documentation range 198.18.0.0/15), so no other test shares its windows. */
    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static byte[] resumeText() {
        return ("Jane Doe\nBackend engineer, Java and PostgreSQL, eight years.\nRef " + UUID.randomUUID()).getBytes();
    }

    private static Response upload(String key, String address) {
        return upload(key, address, resumeText());
    }

    private static Response upload(String key, String address, byte[] body) {
        return given().header("Authorization", key).header("X-Forwarded-For", address).contentType("text/plain").body(body)
                .post("/api/v1/documents");
    }

    private static Response batch(String key, String address, int resumes) {
        List<Map<String, Object>> items = IntStream.range(0, resumes)
                .mapToObj(i -> Map.<String, Object>of("externalId", "c-" + i, "text", "Java developer number " + i)).toList();
        return given().header("Authorization", key).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Java developer"), "resumes", items))
                .post("/api/v1/batches");
    }

    private static JsonPath usage(String key, String address) {
        return given().header("Authorization", key).header("X-Forwarded-For", address).get("/api/v1/usage")
                .then().statusCode(200).extract().jsonPath();
    }
}
