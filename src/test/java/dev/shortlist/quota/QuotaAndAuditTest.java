package dev.shortlist.quota;

import static dev.shortlist.quota.RateLimitTest.ADMIN;
import static dev.shortlist.quota.RateLimitTest.createKey;
import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.shortlist.security.SecurityAudit;
import dev.shortlist.support.LimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Daily job quotas, what /usage reports, and the audit trail admins read. */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class QuotaAndAuditTest {

    @Inject
    SecurityAudit audit;

    @Test
    void theDailyQuotaStopsSubmitsUntilMidnightAndUsageShowsIt() {
        String key = createKey(Map.of("jobsPerDay", 3, "submitPerMinute", 50));
        String midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();

        submit(key).then().statusCode(202);
        // A batch of two takes the other two jobs; one more of anything is refused.
        given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Java"),
                        "resumes", List.of(Map.of("text", "Java"), Map.of("text", "Kotlin"))))
                .post("/api/v1/batches").then().statusCode(202);
        Response refused = submit(key);
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", containsString("quota-exceeded"))
                .body("detail", containsString("3 jobs per day"))
                .body("detail", containsString(midnight));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, Duration.between(Instant.now(), Instant.parse(midnight)).toSeconds() + 1);

        given().auth().oauth2(key).get("/api/v1/usage").then().statusCode(200)
                .body("quotas.find { it.name == 'jobs-per-day' }.limit", equalTo(3))
                .body("quotas.find { it.name == 'jobs-per-day' }.used", equalTo(3))
                .body("quotas.find { it.name == 'jobs-per-day' }.remaining", equalTo(0))
                .body("quotas.find { it.name == 'jobs-per-day' }.resetAt", equalTo(midnight))
                .body("rateLimits.find { it.routeClass == 'submit' }.limit", equalTo(50))
                .body("rateLimits.find { it.routeClass == 'submit' }.used", equalTo(3))
                .body("rateLimits.find { it.routeClass == 'submit' }.remaining", equalTo(47));
    }

    @Test
    void aPerTypeQuotaStopsThatTypeOnly() {
        String key = createKey(Map.of("jobsPerDayByType", Map.of("score", 1)));

        submit(key).then().statusCode(202);
        submit(key).then().statusCode(429).body("detail", containsString("1 score jobs per day"));
        given().auth().oauth2(key).get("/api/v1/usage").then().statusCode(200)
                .body("quotas.find { it.jobType == 'score' }.used", equalTo(1))
                .body("quotas.find { it.jobType == 'score' }.remaining", equalTo(0));
    }

    @Test
    void keyCreationRefusesBadLimitsNamingTheField() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "limits", Map.of("submitPerMinute", 0, "jobsPerDayByType", Map.of("juggle", 3))))
                .post("/api/v1/admin/keys").then().statusCode(400)
                .body("errors.field", hasItem("limits.submitPerMinute"))
                .body("errors.field", hasItem("limits.jobsPerDayByType.juggle"));
    }

    @Test
    void adminsReadTheAuditTrailNewestFirstByKindAndPage() {
        String owner = "owner-" + UUID.randomUUID();
        for (int flag = 0; flag < 3; flag++) {
            audit.record(SecurityAudit.PROMPT_INJECTION, owner, Map.of("flag", flag));
        }
        given().auth().oauth2("sl_wrong_" + UUID.randomUUID()).get("/api/v1/jobs").then().statusCode(401);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("kind", SecurityAudit.PROMPT_INJECTION).queryParam("limit", 200)
                .get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.findAll { it.owner == '" + owner + "' }.size()", equalTo(3)));
        Response first = given().auth().oauth2(ADMIN).queryParam("kind", SecurityAudit.PROMPT_INJECTION).queryParam("limit", 2)
                .get("/api/v1/admin/audit");
        first.then().statusCode(200).body("items.kind", everyItem(equalTo("prompt-injection")));
        List<String> firstTimes = first.jsonPath().getList("items.at");
        assertThat(Instant.parse(firstTimes.get(0))).isAfterOrEqualTo(Instant.parse(firstTimes.get(1)));
        String cursor = first.jsonPath().getString("nextCursor");
        given().auth().oauth2(ADMIN).queryParam("kind", SecurityAudit.PROMPT_INJECTION).queryParam("cursor", cursor)
                .get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(first.jsonPath().getString("items[0].id"))));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("kind", SecurityAudit.AUTHENTICATION_FAILED)
                .get("/api/v1/admin/audit").then().statusCode(200)
                .body("items[0].clientIp", org.hamcrest.Matchers.notNullValue())
                .body("items[0].detail.path", equalTo("/api/v1/jobs")));
        given().auth().oauth2(ADMIN).queryParam("cursor", "not-a-cursor").get("/api/v1/admin/audit")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        String user = createKey(Map.of());
        given().auth().oauth2(user).get("/api/v1/admin/audit").then().statusCode(403);
        given().get("/q/metrics").then()
                .body(containsString("shortlist_security_events_total{kind=\"prompt-injection\"}"));
    }

    @Test
    void keyCreationAndRevocationAreAudited() {
        String name = "audited-" + UUID.randomUUID();
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("id");
        given().auth().oauth2(ADMIN).post("/api/v1/admin/keys/{id}/revoke", id).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN).queryParam("limit", 200)
                .get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.findAll { it.owner == '" + id + "' }.kind", equalTo(List.of("key-revoked", "key-created")))
                .body("items.find { it.owner == '" + id + "' && it.kind == 'key-created' }.detail.name", equalTo(name))
                .body("nextCursor", org.hamcrest.Matchers.anything()));
        assertThat(id).isNotNull();
        given().auth().oauth2(ADMIN).queryParam("kind", "no-such-kind").get("/api/v1/admin/audit")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("nextCursor", nullValue());
    }

    private static Response submit(String key) {
        return given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(scoreRequest("Java developer " + UUID.randomUUID(), "Java and Kafka")).post("/api/v1/jobs");
    }
}
