package dev.shortlist.documents;

import static dev.shortlist.support.Jobs.awaitEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.support.FixtureDocuments;
import dev.shortlist.support.Fixtures;
import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DocumentJobsTest {

    @Test
    void scoreJobTakesTheResumeFromAnUploadedDocument() {
        byte[] pdf = FixtureDocuments.pdf(Fixtures.resumes("java-developer").get(1).text(), 11);
        String documentId = given().contentType("application/pdf").body(pdf)
                .when().post("/api/v1/documents")
                .then().extract().path("id");

        JsonPath job = awaitEnd(Jobs.submit(Map.of("type", "score",
                "resume", Map.of("documentId", documentId),
                "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER))));

        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getList("result.matchedSkills", String.class)).contains("Java");
    }

    @Test
    void unknownDocumentIdIsNamed() {
        submitRejected(Map.of("type", "score", "resume", Map.of("documentId", UUID.randomUUID().toString()),
                "jobDescription", Map.of("text", "Java")), "resume.documentId");
    }

    @Test
    void malformedDocumentIdIsNamed() {
        submitRejected(Map.of("type", "score", "resume", Map.of("documentId", "not-a-uuid"),
                "jobDescription", Map.of("text", "Java")), "resume.documentId");
    }

    @Test
    void textAndDocumentIdTogetherAreRefused() {
        submitRejected(Map.of("type", "score", "resume", Map.of("text", "Java", "documentId", UUID.randomUUID().toString()),
                "jobDescription", Map.of("text", "Java")), "resume.text");
    }

    private static void submitRejected(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }
}
