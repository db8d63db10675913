package dev.shortlist.security;

import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys, roles and isolation: each key sees only its own jobs, batches and documents. */
@QuarkusTest
class ApiKeyTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";

    private String alice;
    private String bob;

    @BeforeEach
    void twoUsers() {
        alice = createKey("alice-" + UUID.randomUUID(), "user");
        bob = createKey("bob-" + UUID.randomUUID(), "user");
    }

    @Test
    void aKeyIsShownOnceAndListedWithoutItsSecret() {
        given().auth().oauth2(ADMIN).get("/api/v1/admin/keys")
                .then().statusCode(200)
                .body("key", not(hasItem(alice)))
                .body("prefix", hasItem(alice.substring(0, 10)));
        assertThat(alice).startsWith("sl_").hasSizeGreaterThan(40);
    }

    @Test
    void manyRequestsWithAKeyNotSeenYetAreAllServed() throws Exception {
        String fresh = createKey("burst-" + UUID.randomUUID(), "user");
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(clients.submit(() -> as(fresh).get("/api/v1/jobs").statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void anotherKeyCannotReadListCancelOrStreamMyJob() {
        String id = as(alice).contentType(ContentType.JSON).body(scoreRequest("Java developer", "Java"))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("id");

        as(alice).get("/api/v1/jobs/{id}", id).then().statusCode(200);
        as(bob).get("/api/v1/jobs/{id}", id).then().statusCode(404).contentType("application/problem+json");
        as(bob).post("/api/v1/jobs/{id}/cancel", id).then().statusCode(404);
        as(bob).accept("text/event-stream").get("/api/v1/jobs/{id}/events", id).then().statusCode(404);
        as(bob).get("/api/v1/jobs").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().get("/api/v1/jobs/{id}", id).then().statusCode(404);
        as(alice).get("/api/v1/jobs").then().body("items.id", hasItem(id));
    }

    @Test
    void anotherKeyCannotReadMyDocumentOrUseItInAJob() {
        String document = as(alice).contentType("text/plain").body("Alice " + UUID.randomUUID() + "\nKotlin and Kafka")
                .post("/api/v1/documents").then().statusCode(201).extract().path("id");

        as(bob).get("/api/v1/documents/{id}", document).then().statusCode(404);
        as(bob).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("documentId", document), "jobDescription", Map.of("text", "Kotlin")))
                .post("/api/v1/jobs").then().statusCode(400).body("errors[0].field", equalTo("resume.documentId"));
    }

    @Test
    void anotherKeyCannotSeeMyBatch() {
        String batch = as(alice).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of(Map.of("text", "Java"))))
                .post("/api/v1/batches").then().statusCode(202).extract().path("id");

        as(bob).get("/api/v1/batches/{id}", batch).then().statusCode(404);
        as(bob).get("/api/v1/batches/{id}/shortlist", batch).then().statusCode(404);
        as(bob).post("/api/v1/batches/{id}/cancel", batch).then().statusCode(404);
    }

    @Test
    void aRevokedKeyIsRefused() {
        as(alice).get("/api/v1/jobs").then().statusCode(200);
        String id = given().auth().oauth2(ADMIN).get("/api/v1/admin/keys").jsonPath()
                .getString("find { it.prefix == '" + alice.substring(0, 10) + "' }.id");

        given().auth().oauth2(ADMIN).post("/api/v1/admin/keys/{id}/revoke", id)
                .then().statusCode(200).body("revokedAt", org.hamcrest.Matchers.notNullValue());

        as(alice).get("/api/v1/jobs").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void unknownAndMalformedKeysAreRefused() {
        as("sl_not_a_real_key").get("/api/v1/jobs").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/jobs").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/api/v1/jobs").then().statusCode(401);
    }

    @Test
    void aUserKeyIsForbiddenTheAdminRoutes() {
        as(alice).get("/api/v1/admin/keys").then().statusCode(403).contentType("application/problem+json");
        as(alice).contentType(ContentType.JSON).body(Map.of("name", "mine")).post("/api/v1/admin/keys").then().statusCode(403);
        given().get("/api/v1/admin/keys").then().statusCode(401);
    }

    @Test
    void keyCreationNamesBadFields() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "x", "role", "root"))
                .post("/api/v1/admin/keys").then().statusCode(400).body("errors[0].field", equalTo("role"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("role", "user"))
                .post("/api/v1/admin/keys").then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void healthAndMetricsNeedNoKey() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static String createKey(String name, String role) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "role", role))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("key");
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key);
    }
}
