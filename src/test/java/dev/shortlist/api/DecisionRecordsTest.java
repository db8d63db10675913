package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.shortlist.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A batch's decision records with the recruiter's decisions, as an auditor gets them, before and after an erasure. */
@QuarkusTest
class DecisionRecordsTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";

    @Test
    void decisionsAreExportedWithWhatMadeEachScoreAndAnErasureKeepsOnlyTheNonPersonalFields() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Fixtures.Resume> java = Fixtures.resumes("java-developer");
        String batch = given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", Fixtures.job("java-developer")),
                        "options", Map.of("blind", true, "weights", Map.of("experience", 0.5)),
                        "resumes", List.of(Map.of("externalId", "a-" + run, "text", java.get(0).text()),
                                Map.of("externalId", "b-" + run, "text", java.get(1).text()),
                                Map.of("externalId", "c-" + run, "text", java.get(2).text()))))
                .when().post("/api/v1/batches").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "completed".equals(given().get("/api/v1/batches/{id}", batch).then().extract().path("status")));
        JsonPath shortlist = given().get("/api/v1/batches/{id}/shortlist", batch).then().statusCode(200).extract().jsonPath();
        String jobOfB = shortlist.getString("items.find { it.externalId == 'b-" + run + "' }.jobId");

        given().contentType(ContentType.JSON).body(Map.of("decisions", List.of(
                        Map.of("externalId", "a-" + run, "decision", "advance", "reason", "Eight years of Spring Boot services"),
                        Map.of("jobId", jobOfB, "decision", "reject", "reason", "No Java in the last five years"))))
                .post("/api/v1/batches/{id}/decisions", batch).then().statusCode(200).body("decided", org.hamcrest.Matchers.equalTo(2));

        JsonPath records = given().get("/api/v1/batches/{id}/decisions", batch).then().statusCode(200).extract().jsonPath();
        assertThat(records.getList("items")).hasSize(3);
        String a = "items.find { it.externalId == 'a-" + run + "' }";
        String jobOfA = records.getString(a + ".jobId");
        assertThat(records.getString(a + ".decision")).isEqualTo("advance");
        assertThat(records.getString(a + ".reason")).isEqualTo("Eight years of Spring Boot services");
        assertThat(records.getString(a + ".engine")).isEqualTo("local");
        assertThat(records.getString(a + ".model")).startsWith("shortlist-local");
        assertThat(records.getString(a + ".promptVersion")).isEqualTo("score-v1");
        assertThat(records.getDouble(a + ".weights.experience")).isEqualTo(0.5);
        assertThat(records.getBoolean(a + ".blind")).isTrue();
        assertThat(records.getInt(a + ".score")).isEqualTo(shortlist.getInt("items.find { it.externalId == 'a-" + run + "' }.score"));
        assertThat(records.getList(a + ".evidence")).isNotEmpty();
        assertThat(records.getString("items.find { it.jobId == '" + jobOfB + "' }.decision")).isEqualTo("reject");
        assertThat(records.getString("items.find { it.externalId == 'c-" + run + "' }.decision")).isNull();
        String csv = given().get("/api/v1/batches/{id}/decisions?format=csv", batch).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(
                "jobId,externalId,status,engine,model,promptVersion,weights,blind,score,recommendation,evidence,decision,reason,decidedAt,erased");
        assertThat(csv).contains("a-" + run, "advance", "Eight years of Spring Boot services", "No Java in the last five years");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("externalId", "a-" + run))
                .post("/api/v1/admin/erasures").then().statusCode(200);

        JsonPath after = given().get("/api/v1/batches/{id}/decisions", batch).then().statusCode(200).extract().jsonPath();
        String erased = "items.find { it.jobId == '" + jobOfA + "' }";
        assertThat(after.getList("items")).hasSize(3);
        assertThat(after.getBoolean(erased + ".erased")).isTrue();
        assertThat(after.getInt(erased + ".score")).isEqualTo(records.getInt(a + ".score"));
        assertThat(after.getString(erased + ".decision")).isEqualTo("advance");
        assertThat(after.getDouble(erased + ".weights.experience")).isEqualTo(0.5);
        assertThat(after.getString(erased + ".promptVersion")).isEqualTo("score-v1");
        assertThat(after.getString(erased + ".externalId")).isNull();
        assertThat(after.getString(erased + ".reason")).isNull();
        assertThat(after.getString(erased + ".evidence")).isNull();
        assertThat(after.prettify()).doesNotContain("a-" + run, "Eight years of Spring Boot services");
    }

    @Test
    void aDecisionIsAdvanceOrRejectWithAReasonOnAJobOfTheBatch() {
        String batch = given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Java developer"),
                        "resumes", List.of(Map.of("externalId", "x", "text", "Java developer"))))
                .when().post("/api/v1/batches").then().statusCode(202).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("decisions", List.of(
                        Map.of("externalId", "x", "decision", "maybe", "reason", "unsure"))))
                .post("/api/v1/batches/{id}/decisions", batch).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("decisions[0].decision"));
        given().contentType(ContentType.JSON).body(Map.of("decisions", List.of(
                        Map.of("externalId", "nobody", "decision", "reject", "reason", "no"))))
                .post("/api/v1/batches/{id}/decisions", batch).then().statusCode(400)
                .body("errors.field", hasItem("decisions[0].externalId"));
        given().contentType(ContentType.JSON).body(Map.of("decisions", List.of(Map.of("externalId", "x", "decision", "reject"))))
                .post("/api/v1/batches/{id}/decisions", batch).then().statusCode(400)
                .body("errors.field", hasItem("decisions[0].reason"));
        given().get("/api/v1/batches/{id}/decisions", UUID.randomUUID()).then().statusCode(404);
    }
}
