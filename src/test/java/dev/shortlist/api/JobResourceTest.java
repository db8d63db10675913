package dev.shortlist.api;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static dev.shortlist.support.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobResourceTest {

    private static final String RESUME = """
            Jane Doe — Backend Engineer

            Experience
            - Built Spring Boot microservices in Java 17 running on Kubernetes
            - Tuned PostgreSQL queries and designed REST APIs used by 40 teams
            """;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void submitAnswersAcceptedWithLocationAndTheQueuedJob() {
        given().contentType(ContentType.JSON).body(scoreRequest(RESUME, JobDescriptions.JAVA_DEVELOPER))
                .when().post("/api/v1/jobs")
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/jobs/"))
                .body("id", notNullValue())
                .body("type", equalTo("score"))
                .body("status", equalTo("queued"))
                .body("priority", equalTo("normal"))
                .body("createdAt", notNullValue())
                .body("finishedAt", nullValue())
                .body("result", nullValue());
    }

    @Test
    void locationPointsAtTheJob() {
        String location = given().contentType(ContentType.JSON).body(scoreRequest(RESUME, JobDescriptions.JAVA_DEVELOPER))
                .when().post("/api/v1/jobs")
                .then().statusCode(202).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().get(location).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void submittedScoreJobSucceedsWithMatchedAndMissingSkillsAndEvidence() {
        JsonPath job = awaitEnd(submit(scoreRequest(RESUME, JobDescriptions.JAVA_DEVELOPER)));

        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getInt("progress")).isEqualTo(100);
        assertThat(job.getString("startedAt")).isNotNull();
        assertThat(job.getString("finishedAt")).isNotNull();
        assertThat(job.getInt("result.score")).isBetween(1, 100);
        assertThat(job.getString("result.recommendation")).isIn("shortlist", "maybe", "reject");
        assertThat(job.getList("result.matchedSkills", String.class)).contains("Java", "Spring Boot", "PostgreSQL");
        assertThat(job.getList("result.missingSkills", String.class)).contains("Jenkins");
        assertThat(job.getList("result.missingPreferredSkills", String.class)).contains("Kafka");
        assertThat(job.getList("result.evidence.quote", String.class))
                .contains("- Built Spring Boot microservices in Java 17 running on Kubernetes");
        assertThat(job.getString("result.engine")).isEqualTo("local");
        assertThat(job.getString("result.promptVersion")).isEqualTo("score-v1");
        assertThat(job.getBoolean("result.flags.promptInjection")).isFalse();
        assertThat(job.getString("usage.engine")).isEqualTo("local");
    }

    @Test
    void textPastedFromPdftotextWithFormFeedsIsScoredNotRefused() {
        String pasted = RESUME.replace("\nExperience", "\fExperience") + "\u000BPostgreSQL\u2028Kubernetes\u0085";
        JsonPath job = awaitEnd(submit(scoreRequest(pasted, JobDescriptions.JAVA_DEVELOPER + "\f")));

        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getList("result.matchedSkills", String.class)).contains("Java", "Spring Boot", "PostgreSQL");
        assertThat(String.join(" ", job.getList("result.evidence.quote", String.class))).doesNotContain("\f", "\u000B", "\u0085");
    }

    @Test
    void nulInPastedTextIsStillRefusedNamingTheCharacter() {
        rejects(Map.of("type", "score", "resume", Map.of("text", "Jane\u0000Doe\fJava"), "jobDescription", Map.of("text", "Java")),
                "resume.text", "contains a control character (U+0000 at position 4); only tabs, line breaks, form feeds and"
                        + " the like are taken in text");
    }

    @Test
    void fittingResumeOutscoresNonFittingOneEndToEnd() {
        String javaResume = Fixtures.longest("java-developer").text();
        String hrResume = Fixtures.longest("hr").text();

        String javaJob = submit(scoreRequest(javaResume, JobDescriptions.JAVA_DEVELOPER));
        String hrJob = submit(scoreRequest(hrResume, JobDescriptions.JAVA_DEVELOPER));

        int javaScore = awaitEnd(javaJob).getInt("result.score");
        int hrScore = awaitEnd(hrJob).getInt("result.score");
        assertThat(javaScore).isGreaterThan(hrScore + 20);
    }

    @Test
    void unknownJobIdAnswers404Problem() {
        given().get("/api/v1/jobs/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"))
                .body("instance", containsString("/api/v1/jobs/"));
    }

    @Test
    void missingTypeIsNamed() {
        rejects(Map.of("resume", Map.of("text", RESUME), "jobDescription", Map.of("text", "Java")), "type", "must not be null");
    }

    @Test
    void unknownTypeIsNamedWithTheAllowedValues() {
        rejects(Map.of("type", "rank", "resume", Map.of("text", RESUME), "jobDescription", Map.of("text", "Java")),
                "type", "must be one of score, tailor, generate");
    }

    @Test
    void unknownPriorityIsNamed() {
        rejects(Map.of("type", "score", "priority", "urgent", "resume", Map.of("text", RESUME),
                "jobDescription", Map.of("text", "Java")), "priority", "must be one of critical, high, normal, low, bulk");
    }

    @Test
    void missingJobDescriptionIsNamed() {
        rejects(Map.of("type", "score", "resume", Map.of("text", RESUME)), "jobDescription", "must not be null");
    }

    @Test
    void blankResumeTextIsNamed() {
        rejects(Map.of("type", "score", "resume", Map.of("text", "  \n "), "jobDescription", Map.of("text", "Java")),
                "resume.text", "must not be blank");
    }

    @Test
    void resumeTextOfTheWrongTypeIsNamed() {
        rejects(Map.of("type", "score", "resume", Map.of("text", List.of(1, 2)), "jobDescription", Map.of("text", "Java")),
                "resume.text", "must be a string");
    }

    @Test
    void overlongJobDescriptionIsNamedWithTheLimit() {
        rejects(Map.of("type", "score", "resume", Map.of("text", RESUME), "jobDescription", Map.of("text", "a".repeat(50_001))),
                "jobDescription.text", "is 50001 characters long; the limit is 50000");
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        given().contentType(ContentType.JSON).body(Map.of("resume", Map.of(), "jobDescription", Map.of()))
                .when().post("/api/v1/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("jobDescription.text", "resume.text", "type")));
    }

    @Test
    void unknownFieldIsNamed() {
        rejects(Map.of("type", "score", "resum", Map.of("text", RESUME), "jobDescription", Map.of("text", "Java")),
                "resum", "is not a known field");
    }

    @Test
    void unknownNestedFieldIsNamedWithItsPath() {
        rejects(Map.of("type", "score", "resume", Map.of("txt", RESUME), "jobDescription", Map.of("text", "Java")),
                "resume.txt", "is not a known field");
    }

    @Test
    void malformedJsonIsAProblemNotAStackTrace() {
        given().contentType(ContentType.JSON).body("{\"type\": ")
                .when().post("/api/v1/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void emptyBodyIsNamed() {
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.message", hasItem("a JSON body is required"));
    }

    @Test
    void unknownRouteIsAProblem() {
        given().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("instance", endsWith("/api/v1/nothing-here"));
    }

    private static void rejects(Map<String, Object> body, String field, String message) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.find { it.field == '" + field + "' }.message", equalTo(message));
    }
}
