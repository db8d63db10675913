package dev.shortlist.documents.postings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.shortlist.support.Fixtures;
import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stored job postings: kept once, read once, named by id from jobs and batches, each key's own. */
@QuarkusTest
class PostingResourceTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private String alice;
    private String bob;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void twoUsers() {
        alice = createKey("posting-alice-" + UUID.randomUUID());
        bob = createKey("posting-bob-" + UUID.randomUUID());
    }

    @Test
    void aPostingIsStoredWithWhatTheEngineReadInIt() {
        JsonPath created = as(alice).contentType(ContentType.JSON)
                .body(Map.of("title", "Backend Java developer", "text", JobDescriptions.JAVA_DEVELOPER, "externalId", "REQ-1"))
                .post("/api/v1/postings").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");

        assertThat(created.getString("title")).isEqualTo("Backend Java developer");
        assertThat(created.getString("externalId")).isEqualTo("REQ-1");
        assertThat(created.getList("requirements.requiredSkills", String.class)).contains("Java", "Spring Boot");
        assertThat(created.getList("requirements.preferredSkills", String.class)).contains("Kafka", "Docker");
        assertThat(created.getDouble("requirements.yearsOfExperience")).isEqualTo(3.0);
        assertThat(created.getList("requirements.lines.kind", String.class)).contains("required");

        JsonPath read = as(alice).get("/api/v1/postings/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("text")).contains("Hibernate / JPA");
        assertThat(read.getMap("requirements")).isEqualTo(created.getMap("requirements"));
    }

    @Test
    void theTitleDefaultsToThePostingsOwnFirstLine() {
        as(alice).contentType(ContentType.JSON).body(Map.of("text", JobDescriptions.HR_MANAGER))
                .post("/api/v1/postings").then().statusCode(201).body("title", equalTo("HR Executive"));
    }

    @Test
    void aPostingComesFromAnUploadedDocumentToo() {
        String document = as(alice).contentType("text/plain").body(JobDescriptions.HR_MANAGER + "\n" + UUID.randomUUID())
                .post("/api/v1/documents").then().statusCode(201).extract().path("id");

        String id = as(alice).contentType(ContentType.JSON).body(Map.of("documentId", document))
                .post("/api/v1/postings").then().statusCode(201).body("documentId", equalTo(document)).extract().path("id");

        as(alice).get("/api/v1/postings/{id}", id).then().statusCode(200)
                .body("text", org.hamcrest.Matchers.containsString("Run payroll"));
        as(bob).contentType(ContentType.JSON).body(Map.of("documentId", document))
                .post("/api/v1/postings").then().statusCode(400).body("errors[0].field", equalTo("documentId"));
    }

    @Test
    void badPostingsNameTheirField() {
        rejects(Map.of("title", "No text"), "text");
        rejects(Map.of("text", "   "), "text");
        rejects(Map.of("text", "Java", "documentId", UUID.randomUUID().toString()), "text");
        rejects(Map.of("text", "Java", "title", "x".repeat(201)), "title");
        rejects(Map.of("text", "x".repeat(50_001)), "text");
    }

    @Test
    void listingPagesNewestFirstWithACursor() {
        String first = create(alice, "Chef de partie. Knife skills, HACCP. " + UUID.randomUUID());
        String second = create(alice, "Sous chef. Menu costing, HACCP. " + UUID.randomUUID());
        String third = create(alice, "Line cook. Grill and fryer. " + UUID.randomUUID());

        JsonPath page = as(alice).get("/api/v1/postings?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id", String.class)).containsExactly(third, second);
        assertThat(page.getString("items[0].text")).as("listings leave the text out").isNull();
        JsonPath next = as(alice).queryParam("cursor", page.getString("nextCursor")).get("/api/v1/postings?limit=2")
                .then().statusCode(200).extract().jsonPath();
        assertThat(next.getList("items.id", String.class)).containsExactly(first);
        assertThat(next.getString("nextCursor")).isNull();
        as(alice).get("/api/v1/postings?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as(alice).get("/api/v1/postings?cursor=nonsense").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void anotherKeyCannotSeeDeleteOrUseMyPosting() {
        String id = create(alice, JobDescriptions.JAVA_DEVELOPER);

        as(bob).get("/api/v1/postings/{id}", id).then().statusCode(404).contentType("application/problem+json");
        as(bob).delete("/api/v1/postings/{id}", id).then().statusCode(404);
        as(bob).get("/api/v1/postings").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(bob).contentType(ContentType.JSON).body(scoreFromPosting("Java developer", id))
                .post("/api/v1/jobs").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("jobDescription.postingId"));
        as(bob).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("postingId", id), "resumes", List.of(Map.of("text", "Java"))))
                .post("/api/v1/batches").then().statusCode(422).body("errors[0].field", equalTo("jobDescription.postingId"));
        as(alice).get("/api/v1/postings/{id}", id).then().statusCode(200);
    }

    @Test
    void aScoreFromAPostingEqualsTheScoreFromItsText() {
        String posting = create(alice, JobDescriptions.JAVA_DEVELOPER);
        String resume = Fixtures.resumes("java-developer").get(0).text();

        JsonPath fromText = awaitSucceeded(alice, submit(alice, Map.of("type", "score", "resume", Map.of("text", resume),
                "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER))));
        JsonPath fromPosting = awaitSucceeded(alice, submit(alice, scoreFromPosting(resume, posting)));

        assertThat(fromPosting.getMap("result")).isEqualTo(fromText.getMap("result"));
        assertThat(fromPosting.getInt("result.score")).isBetween(0, 100);
    }

    @Test
    void aScoreFromAPostingUsesItsStoredReading() {
        String posting = create(alice, JobDescriptions.JAVA_DEVELOPER);
        // Had the job read the text again, Java and Spring would be missing skills of this resume.
        pool.preparedQuery("UPDATE postings SET reading = jsonb_set(jsonb_set(reading, '{required}', '[]'), '{preferred}', '[]') "
                + "WHERE id = $1").execute(Tuple.of(UUID.fromString(posting))).await().atMost(WAIT);

        JsonPath job = awaitSucceeded(alice, submit(alice, scoreFromPosting("Sales executive. Cold calling and CRM.", posting)));

        assertThat(job.getList("result.missingSkills", String.class)).isEmpty();
        JsonPath fromText = awaitSucceeded(alice, submit(alice, Map.of("type", "score",
                "resume", Map.of("text", "Sales executive. Cold calling and CRM."),
                "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER))));
        assertThat(fromText.getList("result.missingSkills", String.class)).contains("Java");
    }

    @Test
    void aBatchFromAPostingRanksLikeOneFromItsText() {
        String posting = create(alice, JobDescriptions.JAVA_DEVELOPER);
        List<Map<String, Object>> resumes = Fixtures.resumes().stream().limit(12)
                .map(r -> Map.<String, Object>of("externalId", r.field() + "/" + r.name(), "text", r.text())).toList();

        // High priority: not behind bulk work other test classes left queued.
        String fromPosting = submitBatch(alice, Map.of("type", "score", "jobDescription", Map.of("postingId", posting),
                "resumes", resumes, "priority", "high"));
        String fromText = submitBatch(alice, Map.of("type", "score",
                "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER), "resumes", resumes, "priority", "high"));

        List<Map<String, Object>> ranked = withoutJobIds(shortlist(alice, fromPosting));
        assertThat(ranked).hasSize(12).isEqualTo(withoutJobIds(shortlist(alice, fromText)));
    }

    @Test
    void deletingAPostingKeepsFinishedJobsAndRefusesNewOnes() {
        String posting = create(alice, JobDescriptions.HR_MANAGER);
        String job = submit(alice, scoreFromPosting("HR executive. Payroll and onboarding.", posting));
        JsonPath before = awaitSucceeded(alice, job);

        as(alice).delete("/api/v1/postings/{id}", posting).then().statusCode(204);

        as(alice).get("/api/v1/postings/{id}", posting).then().statusCode(404);
        as(alice).delete("/api/v1/postings/{id}", posting).then().statusCode(404);
        JsonPath after = as(alice).get("/api/v1/jobs/{id}", job).then().statusCode(200).extract().jsonPath();
        assertThat(after.getMap("result")).isEqualTo(before.getMap("result"));
        as(alice).contentType(ContentType.JSON).body(scoreFromPosting("HR executive", posting))
                .post("/api/v1/jobs").then().statusCode(422).body("errors[0].field", equalTo("jobDescription.postingId"));
    }

    @Test
    void retentionPurgesPostingsPastItAndKeepsTheirJobs() {
        String old = create(alice, "Travel nurse. Telemetry, ICU. " + UUID.randomUUID());
        String fresh = create(alice, "Nurse educator. Training. " + UUID.randomUUID());
        String job = submit(alice, scoreFromPosting("Registered nurse. ICU and telemetry.", old));
        awaitSucceeded(alice, job);
        pool.preparedQuery("UPDATE postings SET created_at = created_at - interval '91 days' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(old))).await().atMost(WAIT);

        given().auth().oauth2(ADMIN).post("/api/v1/admin/retention/purge").then().statusCode(200)
                .body("postings", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        as(alice).get("/api/v1/postings/{id}", old).then().statusCode(404);
        as(alice).get("/api/v1/postings/{id}", fresh).then().statusCode(200);
        as(alice).get("/api/v1/jobs/{id}", job).then().statusCode(200).body("status", equalTo("succeeded"));
    }

    @Test
    void aResumeCannotBeAPosting() {
        String posting = create(alice, JobDescriptions.HR_MANAGER);
        as(alice).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("postingId", posting), "jobDescription", Map.of("text", "HR")))
                .post("/api/v1/jobs").then().statusCode(400).body("errors[0].field", equalTo("resume.postingId"));
        as(alice).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("text", "HR"),
                        "jobDescription", Map.of("text", "HR", "postingId", posting)))
                .post("/api/v1/jobs").then().statusCode(400).body("errors[0].field", equalTo("jobDescription.text"));
    }

    private static Map<String, Object> scoreFromPosting(String resume, String posting) {
        return Map.of("type", "score", "resume", Map.of("text", resume), "jobDescription", Map.of("postingId", posting));
    }

    private void rejects(Map<String, Object> body, String field) {
        as(alice).contentType(ContentType.JSON).body(body).post("/api/v1/postings")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    private static String create(String key, String text) {
        return as(key).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/v1/postings").then().statusCode(201).extract().path("id");
    }

    private static String submit(String key, Map<String, Object> body) {
        return as(key).contentType(ContentType.JSON).body(body).post("/api/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private static String submitBatch(String key, Map<String, Object> body) {
        return as(key).contentType(ContentType.JSON).body(body).post("/api/v1/batches").then().statusCode(202).extract().path("id");
    }

    private static JsonPath awaitSucceeded(String key, String id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = as(key).get("/api/v1/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
            return !List.of("queued", "running").contains(last[0].getString("status"));
        });
        assertThat(last[0].getString("status")).isEqualTo("succeeded");
        return last[0];
    }

    private static JsonPath shortlist(String key, String batch) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> "completed".equals(as(key).get("/api/v1/batches/{id}", batch).then().extract().path("status")));
        return as(key).get("/api/v1/batches/{id}/shortlist", batch).then().statusCode(200).extract().jsonPath();
    }

    /** The shortlist's items without their job ids, which differ between two batches of the same resumes. */
    private static List<Map<String, Object>> withoutJobIds(JsonPath shortlist) {
        List<Map<String, Object>> items = shortlist.getList("items");
        return items.stream().map(item -> {
            Map<String, Object> copy = new java.util.LinkedHashMap<>(item);
            copy.remove("jobId");
            return copy;
        }).toList();
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key);
    }

    private static String createKey(String name) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("key");
    }
}
