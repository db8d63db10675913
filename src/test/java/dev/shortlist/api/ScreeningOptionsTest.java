package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import dev.shortlist.support.Jobs;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@code options} a job or a batch may carry: a key this version does not read is refused,
 * never ignored; a recruiter's weights ({@code options.weights}) reorder a batch as they say.
 */
@QuarkusTest
class ScreeningOptionsTest {

    private static final String POSTING = """
            Java Developer
            We are hiring a Java developer to build payment services.
            Requirements
            - 8+ years of professional Java development
            - Spring Boot, Kafka, Kubernetes, PostgreSQL and Docker
            """;
    /** Fourteen years of Java, little of the stack asked. */
    private static final String SEASONED = """
            Java Developer
            Experience
            Java Developer, Northwind Insurance, 2010 - 2024
            - Maintained Java applications on Struts, JSP and Oracle for policy administration
            - Wrote batch jobs and SQL reports
            Education
            BSc Computer Science
            """;
    /** Two years, every skill asked. */
    private static final String CURRENT = """
            Java Developer
            Experience
            Java Developer, Acme Payments, 2023 - 2025
            - Built payment services in Java with Spring Boot, Kafka and PostgreSQL
            - Deployed with Docker on Kubernetes
            Education
            BSc Computer Science
            """;

    @Test
    void weighingExperiencePutsTheSeasonedCandidateFirst() {
        List<String> byDefault = ranking(Map.of());
        List<String> experienceFirst = ranking(Map.of("weights", Map.of("experience", 1)));

        assertThat(byDefault).containsExactly("current", "seasoned");
        assertThat(experienceFirst).containsExactly("seasoned", "current");
    }

    @Test
    void aScoreKeepsTheWeightsItWasMadeUnder() {
        String resume = SEASONED + "Reference " + UUID.randomUUID() + "\n";
        JsonPath plain = Jobs.awaitEnd(Jobs.submit(Jobs.scoreRequest(resume, POSTING)));
        JsonPath weighed = Jobs.awaitEnd(Jobs.submit(Map.of("type", "score", "resume", Map.of("text", resume),
                "jobDescription", Map.of("text", POSTING), "options", Map.of("weights", Map.of("experience", 1, "textRelevance", 0)))));

        assertThat(plain.getDouble("result.weights.experience")).isEqualTo(0.05);
        assertThat(weighed.getDouble("result.weights.experience")).isEqualTo(1.0);
        assertThat(weighed.getDouble("result.weights.textRelevance")).isEqualTo(0.0);
        assertThat(weighed.getDouble("result.weights.semanticFit")).isEqualTo(plain.getDouble("result.weights.semanticFit"));
        assertThat(weighed.getDouble("result.components.find { it.name == 'experience' }.weight")).isEqualTo(1.0);
        assertThat(weighed.getInt("result.score")).isGreaterThan(plain.getInt("result.score"));
    }

    @Test
    void aWeightIsOneOfTheEnginesCriteriaFromZeroToOne() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("text", "Java"), "jobDescription", Map.of("text", "Java"),
                        "options", Map.of("weights", Map.of("charisma", 0.5, "experience", 2, "titleFit", "high"))))
                .when().post("/api/v1/jobs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("options.weights.charisma", "options.weights.experience", "options.weights.titleFit"))
                .body("errors.find { it.field == 'options.weights.charisma' }.message", containsString("semanticFit"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of(Map.of("text", "Java")),
                        "options", Map.of("weights", List.of(1, 2))))
                .when().post("/api/v1/batches").then().statusCode(400).body("errors.field", hasItem("options.weights"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "tailor", "resume", Map.of("text", "Java"), "jobDescription", Map.of("text", "Java"),
                        "options", Map.of("weights", Map.of("experience", 0.5))))
                .when().post("/api/v1/jobs").then().statusCode(400).body("errors.field", hasItem("options.weights"));
    }

    /** The external ids of a score batch of the two candidates, best first. */
    private static List<String> ranking(Map<String, Object> options) {
        String batch = given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", POSTING), "options", options,
                        "resumes", List.of(Map.of("externalId", "seasoned", "text", SEASONED),
                                Map.of("externalId", "current", "text", CURRENT))))
                .when().post("/api/v1/batches").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                "completed".equals(given().get("/api/v1/batches/{id}", batch).then().extract().path("status")));
        return given().get("/api/v1/batches/{id}/shortlist", batch).then().statusCode(200).extract().jsonPath()
                .getList("items.externalId", String.class);
    }

    @Test
    void anUnknownOptionIsRefusedByNameOnJobsAndBatches() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("text", "Java"), "jobDescription", Map.of("text", "Java"),
                        "options", Map.of("colour", "blue", "blind", true)))
                .when().post("/api/v1/jobs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("options.colour"))
                .body("errors.find { it.field == 'options.colour' }.message", containsString("blind"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Java"),
                        "resumes", List.of(Map.of("text", "Java")), "options", Map.of("blnd", true)))
                .when().post("/api/v1/batches").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("options.blnd"));
    }

    @Test
    void theOptionsOfEarlierVersionsAreStillTaken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("text", "Java developer"),
                        "jobDescription", Map.of("text", "Java developer"), "options", Map.of("engine", "local", "blind", false)))
                .when().post("/api/v1/jobs").then().statusCode(202);
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Java developer"),
                        "resumes", List.of(Map.of("text", "Java developer")), "options", Map.of("engine", "local", "blind", true)))
                .when().post("/api/v1/batches").then().statusCode(202);
    }
}
