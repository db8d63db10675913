package dev.shortlist.api;

import static dev.shortlist.support.Jobs.awaitEnd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.shortlist.support.Counterfactuals;
import dev.shortlist.support.Fixtures;
import dev.shortlist.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Who a candidate is through the API: a score does not move with the name, and a blind job
 * or batch ({@code options.blind}) names no candidate in any output, the external id aside.
 */
@QuarkusTest
class BlindScreeningTest {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    /** The fixture resumes' own candidates, as they are named in the resumes. */
    private static final List<String> FIXTURE_NAMES = List.of("Michael Chen", "Claire Dubois", "Rosa Martinelli",
            "Jamal Hughes", "Oleksandr Petrenko", "Hye-jin Park", "Priya Raman", "Samuel Owusu", "Sofia Lindqvist",
            "Hannah Schmidt", "Marco Bellini", "Elena Vasquez", "Grace Mensah", "Daniel Reyes", "Amelia Turner");

    /** A resume that names its candidate on the line that shows its skills: quoted as evidence. */
    private static String danaCruz() {
        return """
                Dana Cruz
                dana.cruz@example.com | (415) 555-0134 | 12 Elm Street, Springfield, IL 62704
                Summary
                Dana Cruz builds Java services on Spring Boot and PostgreSQL; she mentors new engineers.
                Experience
                Java Developer, Acme Payments, 2016 - 2025
                - Built REST APIs and microservices in Java with Spring Boot, Hibernate and JUnit
                Education
                BSc Computer Science, State University, 2012 - 2016
                """ + "Reference " + UUID.randomUUID() + "\n";
    }

    @Test
    void aScoreThroughTheApiDoesNotMoveWithTheName() {
        String resume = Fixtures.resumes("accounting").get(0).text();
        List<JsonPath> results = new ArrayList<>();
        for (String version : Counterfactuals.byName(resume, Counterfactuals.AUDIT_NAMES)) {
            results.add(awaitEnd(Jobs.submit(Jobs.scoreRequest(version, Fixtures.job("accounting")))));
        }
        JsonPath first = results.get(0);
        assertThat(first.getString("status")).isEqualTo("succeeded");
        for (JsonPath other : results.subList(1, results.size())) {
            assertThat(other.getInt("result.score")).isEqualTo(first.getInt("result.score"));
            assertThat(other.getString("result.recommendation")).isEqualTo(first.getString("result.recommendation"));
            assertThat(other.getList("result.matchedSkills")).isEqualTo(first.getList("result.matchedSkills"));
            assertThat(other.getList("result.missingSkills")).isEqualTo(first.getList("result.missingSkills"));
        }
    }

    @Test
    void aBlindJobQuotesTheResumeWithMasksAndIsNotServedTheOpenResultFromTheCache() {
        String resume = danaCruz();
        JsonPath open = awaitEnd(Jobs.submit(Jobs.scoreRequest(resume, "Java developer: Java, Spring Boot, PostgreSQL")));
        String blindId = Jobs.submit(Map.of("type", "score", "resume", Map.of("text", resume),
                "jobDescription", Map.of("text", "Java developer: Java, Spring Boot, PostgreSQL"),
                "options", Map.of("blind", true)));
        JsonPath blind = awaitEnd(blindId);

        assertThat(open.getList("result.evidence.quote", String.class)).anyMatch(quote -> quote.startsWith("Dana Cruz builds"));
        assertThat(blind.getString("status")).isEqualTo("succeeded");
        assertThat(blind.getInt("result.score")).isEqualTo(open.getInt("result.score"));
        assertThat(blind.getBoolean("result.flags.blind")).isTrue();
        assertThat(blind.getList("result.evidence.quote", String.class))
                .contains("[name] builds Java services on Spring Boot and PostgreSQL; [pronoun] mentors new engineers.");
        assertNamesNoOne(blind.prettify(), List.of("Dana Cruz", "dana.cruz@example.com", "555-0134", "Elm Street"));
        String markdown = given().get("/api/v1/jobs/{id}/result?format=markdown", blindId).then().statusCode(200).extract().asString();
        assertNamesNoOne(markdown, List.of("Dana Cruz", "dana.cruz@example.com", "555-0134"));
    }

    @Test
    void aBlindBatchOfEveryFixtureNamesNoCandidateInResultsOrShortlists() {
        List<Map<String, Object>> resumes = new ArrayList<>();
        List<String> personal = new ArrayList<>(FIXTURE_NAMES);
        personal.addAll(List.of("Dana Cruz", "dana.cruz@example.com", "555-0134"));
        for (Fixtures.Resume resume : Fixtures.resumes()) {
            resumes.add(Map.of("externalId", resume.field() + "/" + resume.name(), "text", resume.text()));
            Matcher email = EMAIL.matcher(resume.text());
            while (email.find()) {
                personal.add(email.group());
            }
        }
        resumes.add(Map.of("externalId", "dana", "text", danaCruz()));
        String batch = given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", Fixtures.job("java-developer")),
                        "options", Map.of("blind", true), "resumes", resumes))
                .when().post("/api/v1/batches").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "completed".equals(given().get("/api/v1/batches/{id}", batch).then().extract().path("status")));

        JsonPath children = given().get("/api/v1/jobs?batch={id}&limit=200", batch).then().statusCode(200).extract().jsonPath();
        assertThat(children.getList("items")).hasSize(resumes.size());
        assertThat(children.getList("items.result.flags.blind", Boolean.class)).containsOnly(true);
        assertNamesNoOne(children.prettify(), personal);
        String shortlist = given().get("/api/v1/batches/{id}/shortlist?top=1000", batch).then().statusCode(200).extract().asString();
        String csv = given().get("/api/v1/batches/{id}/shortlist?format=csv", batch).then().statusCode(200).extract().asString();
        assertThat(shortlist).contains("java-developer/01-backend-engineer.txt", "\"dana\"");
        assertThat(csv).contains("java-developer/01-backend-engineer.txt", "dana");
        assertNamesNoOne(shortlist, personal);
        assertNamesNoOne(csv, personal);
    }

    @Test
    void blindIsTrueOrFalse() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "resume", Map.of("text", "Java"), "jobDescription", Map.of("text", "Java"),
                        "options", Map.of("blind", "yes")))
                .when().post("/api/v1/jobs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("options.blind"));
        Map<String, Object> batch = new HashMap<>(Map.of("type", "score", "jobDescription", Map.of("text", "Java"),
                "resumes", List.of(Map.of("text", "Java")), "options", Map.of("blind", 1)));
        given().contentType(ContentType.JSON).body(batch)
                .when().post("/api/v1/batches").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("options.blind"));
    }

    private static void assertNamesNoOne(String output, List<String> personal) {
        for (String value : personal) {
            assertThat(output).as("an output of a blind job").doesNotContainIgnoringCase(value);
        }
    }
}
