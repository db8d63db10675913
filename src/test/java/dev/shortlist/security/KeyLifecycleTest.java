package dev.shortlist.security;

import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.shortlist.support.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys that expire, keys rotated with a grace period, limits changed by an admin, and when a key was last used. */
@QuarkusTest
class KeyLifecycleTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";

    @Inject
    MovableClock clock;

    @AfterEach
    void timeRunsAgain() {
        clock.reset();
    }

    @Test
    void aKeyStopsWorkingWhenItExpires() {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonPath created = create(Map.of("name", "expiring-" + UUID.randomUUID(), "expiresAt", expiresAt.toString()));
        String secret = created.getString("key");
        String id = created.getString("id");

        as(secret).get("/api/v1/jobs").then().statusCode(200);
        assertThat(Instant.parse((String) listed(id).get("expiresAt"))).isEqualTo(expiresAt);

        clock.advance(Duration.ofHours(2));

        as(secret).get("/api/v1/jobs").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anExpiryInThePastIsRefusedNamingTheField() {
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "late-" + UUID.randomUUID(), "expiresAt", Instant.now().minusSeconds(60).toString()))
                .post("/api/v1/admin/keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("expiresAt"));
    }

    @Test
    void aRotatedKeyTakesItsNewSecretAndHonoursTheOldOneForTheGracePeriod() {
        JsonPath created = create(Map.of("name", "rotating-" + UUID.randomUUID()));
        String oldSecret = created.getString("key");
        String id = created.getString("id");
        as(oldSecret).get("/api/v1/jobs").then().statusCode(200);

        JsonPath rotated = admin().contentType(ContentType.JSON).body(Map.of("graceSeconds", 3600))
                .post("/api/v1/admin/keys/{id}/rotate", id)
                .then().statusCode(200).body("id", equalTo(id)).body("previousSecretValidUntil", notNullValue())
                .extract().jsonPath();
        String newSecret = rotated.getString("key");

        as(newSecret).get("/api/v1/jobs").then().statusCode(200);
        as(oldSecret).get("/api/v1/jobs").then().statusCode(200);
        assertThat(listed(id)).containsEntry("prefix", newSecret.substring(0, 10)).doesNotContainKey("key");

        clock.advance(Duration.ofHours(2));

        as(oldSecret).get("/api/v1/jobs").then().statusCode(401);
        as(newSecret).get("/api/v1/jobs").then().statusCode(200);
        admin().get("/api/v1/admin/audit?kind=key_rotated&limit=200").then().statusCode(200)
                .body("items.detail.keyId", hasItem(id));
    }

    @Test
    void rotatingWithoutGraceRefusesTheOldSecretAtOnce() {
        JsonPath created = create(Map.of("name", "leaked-" + UUID.randomUUID()));
        String oldSecret = created.getString("key");
        as(oldSecret).get("/api/v1/jobs").then().statusCode(200);

        String newSecret = admin().contentType(ContentType.JSON).body(Map.of("graceSeconds", 0))
                .post("/api/v1/admin/keys/{id}/rotate", created.getString("id"))
                .then().statusCode(200).extract().path("key");

        as(oldSecret).get("/api/v1/jobs").then().statusCode(401);
        as(newSecret).get("/api/v1/jobs").then().statusCode(200);
    }

    @Test
    void aRevokedKeyIsNotRotated() {
        String id = create(Map.of("name", "gone-" + UUID.randomUUID())).getString("id");
        admin().post("/api/v1/admin/keys/{id}/revoke", id).then().statusCode(200);

        admin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/admin/keys/{id}/rotate", id)
                .then().statusCode(409).contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/admin/keys/{id}/rotate", UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void limitsChangedByAnAdminApplyToTheKeysNextRequests() {
        JsonPath created = create(Map.of("name", "limited-" + UUID.randomUUID()));
        String secret = created.getString("key");
        String id = created.getString("id");
        assertThat(List.of(submit(secret), submit(secret))).containsOnly(202);

        admin().contentType(ContentType.JSON).body(Map.of("submitPerMinute", 1))
                .put("/api/v1/admin/keys/{id}/limits", id)
                .then().statusCode(200).body("limits.submitPerMinute", equalTo(1));

        assertThat(List.of(submit(secret), submit(secret))).as("one submit a minute").containsExactly(202, 429);
        admin().get("/api/v1/admin/audit?kind=key_limits_changed&limit=200").then().statusCode(200)
                .body("items.detail.keyId", hasItem(id));
    }

    @Test
    void theListShowsWhenAKeyWasLastUsed() {
        JsonPath created = create(Map.of("name", "used-" + UUID.randomUUID()));
        String id = created.getString("id");
        assertThat(listed(id)).doesNotContainKey("lastUsedAt");

        as(created.getString("key")).get("/api/v1/jobs").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listed(id)).containsKey("lastUsedAt"));
    }

    @Test
    void unknownFieldsOfAKeyAreRefusedNamingThem() {
        admin().contentType(ContentType.JSON).body(Map.of("name", "typo-" + UUID.randomUUID(), "expiresOn", "2030-01-01T00:00:00Z"))
                .post("/api/v1/admin/keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("expiresOn"));
    }

    private JsonPath create(Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/keys")
                .then().statusCode(201).extract().jsonPath();
    }

    /** The key as the admin list shows it. */
    private Map<String, Object> listed(String id) {
        return admin().get("/api/v1/admin/keys").then().statusCode(200).extract().jsonPath()
                .getMap("find { it.id == '" + id + "' }");
    }

    private static int submit(String key) {
        return as(key).contentType(ContentType.JSON).body(scoreRequest("Java developer", "Java")).post("/api/v1/jobs").statusCode();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(ADMIN);
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key);
    }
}
