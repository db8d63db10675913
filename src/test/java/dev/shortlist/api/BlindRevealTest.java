package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A key an admin set to screen blind by default, and an admin's audited reveal of a blind
 * job's candidate.
 */
@QuarkusTest
class BlindRevealTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";
    private static final String JOB = "Java developer: Java, Spring Boot, PostgreSQL";
    private static final String QUOTE = "Dana Cruz builds Java services on Spring Boot and PostgreSQL; she mentors new engineers.";

    private static String resume() {
        return """
                Dana Cruz
                dana.cruz@example.com | (415) 555-0134
                Summary
                """ + QUOTE + """

                Experience
                Java Developer, Acme Payments, 2016 - 2025
                - Built REST APIs in Java with Spring Boot and PostgreSQL
                """ + "Reference " + UUID.randomUUID() + "\n";
    }

    @Test
    void aKeySetToScreenBlindHasItsJobsMaskedUnlessTheySayOtherwise() {
        JsonPath created = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "blind-" + UUID.randomUUID())).post("/api/v1/admin/keys")
                .then().statusCode(201).extract().jsonPath();
        assertThat(created.getBoolean("blindByDefault")).isFalse();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("blindByDefault", true))
                .put("/api/v1/admin/keys/{id}/screening", created.getString("id"))
                .then().statusCode(200).body("blindByDefault", org.hamcrest.Matchers.equalTo(true));
        String key = created.getString("key");
        String resume = resume();

        JsonPath byDefault = awaitEnd(key, submit(key, Map.of("type", "score", "resume", Map.of("text", resume),
                "jobDescription", Map.of("text", JOB))));
        JsonPath open = awaitEnd(key, submit(key, Map.of("type", "score", "resume", Map.of("text", resume),
                "jobDescription", Map.of("text", JOB), "options", Map.of("blind", false))));

        assertThat(byDefault.getBoolean("result.flags.blind")).isTrue();
        assertThat(byDefault.prettify()).doesNotContain("Dana Cruz", "dana.cruz@example.com");
        assertThat(open.getList("result.evidence.quote", String.class)).contains(QUOTE);
        assertThat(open.getInt("result.score")).isEqualTo(byDefault.getInt("result.score"));
    }

    @Test
    void anAdminRevealsABlindResultAsTheResumeHasItAndTheRevealIsAudited() {
        String id = submit(null, Map.of("type", "score", "resume", Map.of("text", resume()),
                "jobDescription", Map.of("text", JOB), "options", Map.of("blind", true)));
        JsonPath blind = awaitEnd(null, id);
        assertThat(blind.getList("result.evidence.quote", String.class))
                .contains("[name] builds Java services on Spring Boot and PostgreSQL; [pronoun] mentors new engineers.");

        String user = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "user-" + UUID.randomUUID()))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("key");
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("reason", "curious"))
                .post("/api/v1/jobs/{id}/reveal", id).then().statusCode(403);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/jobs/{id}/reveal", id).then().statusCode(400).contentType("application/problem+json");

        JsonPath revealed = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "invited to interview"))
                .post("/api/v1/jobs/{id}/reveal", id).then().statusCode(200).extract().jsonPath();

        assertThat(revealed.getList("evidence.quote", String.class)).contains(QUOTE);
        assertThat(revealed.getInt("score")).isEqualTo(blind.getInt("result.score"));
        assertThat(revealed.getBoolean("flags.revealed")).isTrue();
        JsonPath audit = given().auth().oauth2(ADMIN).get("/api/v1/admin/audit?kind=candidate_revealed&limit=200")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.findAll { it.detail.jobId == '" + id + "' }.detail.reason", String.class))
                .containsExactly("invited to interview");
        // The job itself still shows the masked result.
        assertThat(awaitEnd(null, id).prettify()).doesNotContain("Dana Cruz");
    }

    @Test
    void anOpenResultHasNothingToReveal() {
        String id = submit(null, Map.of("type", "score", "resume", Map.of("text", resume()), "jobDescription", Map.of("text", JOB)));
        awaitEnd(null, id);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "check"))
                .post("/api/v1/jobs/{id}/reveal", id).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "check"))
                .post("/api/v1/jobs/{id}/reveal", UUID.randomUUID()).then().statusCode(404);
    }

    private static String submit(String key, Map<String, Object> request) {
        var spec = key == null ? given() : given().auth().oauth2(key);
        return spec.contentType(ContentType.JSON).body(request).post("/api/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static JsonPath awaitEnd(String key, String id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = (key == null ? given() : given().auth().oauth2(key)).get("/api/v1/jobs/{id}", id)
                    .then().statusCode(200).extract().jsonPath();
            return Set.of("succeeded", "failed", "cancelled").contains(last[0].getString("status"));
        });
        return last[0];
    }
}
