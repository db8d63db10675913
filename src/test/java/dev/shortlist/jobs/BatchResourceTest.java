package dev.shortlist.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.Jobs;
import dev.shortlist.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchResourceTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void thousandResumeBatchCompletesWithAnOrderedCompleteShortlist() {
        List<Map<String, Object>> resumes = resumes(1_000, Integer.MAX_VALUE);
        String id = submit(Map.of("type", "score", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER),
                "resumes", resumes));

        JsonPath batch = awaitStatus(id, "completed", Duration.ofSeconds(120));
        assertThat(batch.getInt("total")).isEqualTo(1_000);
        assertThat(batch.getInt("counts.succeeded")).isEqualTo(1_000);
        assertThat(batch.getInt("progress")).isEqualTo(100);
        assertThat(batch.getString("finishedAt")).isNotNull();

        JsonPath shortlist = given().get("/api/v1/batches/{id}/shortlist?top=1000", id).then().statusCode(200).extract().jsonPath();
        assertThat(shortlist.getBoolean("complete")).isTrue();
        List<Integer> scores = shortlist.getList("items.score", Integer.class);
        assertThat(scores).hasSize(1_000).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(shortlist.getList("items.externalId", String.class)).doesNotHaveDuplicates();
        assertThat(shortlist.getList("items.rank", Integer.class).get(999)).isEqualTo(1_000);
        List<String> ids = shortlist.getList("items.externalId", String.class);
        int javaDevelopers = (int) ids.stream().filter(externalId -> externalId.startsWith("java-developer ")).count();
        assertThat(javaDevelopers).isPositive();
        assertThat(ids.subList(0, javaDevelopers)).as("Java developers lead the shortlist of a Java job")
                .allMatch(externalId -> externalId.startsWith("java-developer "));
    }

    @Test
    void shortlistComesAsCsvTooWithTiesInAStableOrder() {
        String id = submit(Map.of("type", "score", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER),
                "resumes", List.of(
                        Map.of("externalId", "b-2", "text", "Java and Spring developer"),
                        Map.of("externalId", "a-1", "text", "Java and Spring developer"),
                        Map.of("externalId", "=cmd", "text", "Sales executive"))));
        awaitStatus(id, "completed", Duration.ofSeconds(30));

        String csv = given().accept("text/csv").get("/api/v1/batches/{id}/shortlist", id)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("rank,externalId,jobId,score,recommendation,matchedSkills,missingSkills,engine,localScore");
        assertThat(lines[1]).startsWith("1,a-1,");
        assertThat(lines[2]).startsWith("2,b-2,");
        assertThat(lines[3]).startsWith("3,'=cmd,");
        assertThat(given().get("/api/v1/batches/{id}/shortlist?format=csv", id).asString()).isEqualTo(csv);
    }

    @Test
    void tailorBatchRanksByTheAtsScoreAfterTailoringWithTheScoreBefore() {
        String id = submit(Map.of("type", "tailor", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER),
                "resumes", onePerField()));
        awaitStatus(id, "completed", Duration.ofSeconds(60));

        JsonPath shortlist = given().get("/api/v1/batches/{id}/shortlist", id).then().statusCode(200).extract().jsonPath();
        assertThat(shortlist.getString("type")).isEqualTo("tailor");
        assertThat(shortlist.getBoolean("complete")).isTrue();
        assertThat(shortlist.getList("items")).hasSize(Fixtures.fields().size());
        List<Integer> after = shortlist.getList("items.atsScoreAfter", Integer.class);
        List<Integer> before = shortlist.getList("items.atsScoreBefore", Integer.class);
        assertThat(after).isSortedAccordingTo(Comparator.reverseOrder()).doesNotContainNull();
        assertThat(before).doesNotContainNull();
        assertThat(shortlist.getString("items[0].externalId")).as("a Java developer tailors best to a Java job")
                .startsWith("java-developer ");
        assertThat(shortlist.getList("items[0].keywordsAdded", String.class)).isNotEmpty();
        String job = shortlist.getString("items[0].jobId");
        JsonPath result = given().get("/api/v1/jobs/{id}", job).then().statusCode(200).extract().jsonPath();
        assertThat(result.getInt("result.atsScoreAfter")).isEqualTo(after.get(0));
        assertThat(result.getInt("result.atsScoreBefore")).isEqualTo(before.get(0));
    }

    @Test
    void tailorShortlistComesAsCsvWithBothScores() {
        String id = submit(Map.of("type", "tailor", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER),
                "resumes", List.of(
                        Map.of("externalId", "java", "text", Fixtures.resumes("java-developer").get(0).text()),
                        Map.of("externalId", "@sales", "text", "Sales executive. Closed deals with retail chains."))));
        awaitStatus(id, "completed", Duration.ofSeconds(30));

        String csv = given().accept("text/csv").get("/api/v1/batches/{id}/shortlist", id)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("rank,externalId,jobId,atsScoreAfter,atsScoreBefore,keywordsAdded,missingKeywords,engine");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("1,java,");
        assertThat(lines[2]).startsWith("2,'@sales,");
        JsonPath json = given().get("/api/v1/batches/{id}/shortlist", id).then().extract().jsonPath();
        assertThat(lines[1]).contains("," + json.getInt("items[0].atsScoreAfter") + "," + json.getInt("items[0].atsScoreBefore") + ",");
    }

    @Test
    void scoreShortlistSaysItsType() {
        String id = submit(Map.of("type", "score", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER),
                "resumes", resumes(3, Integer.MAX_VALUE)));
        awaitStatus(id, "completed", Duration.ofSeconds(30));
        given().get("/api/v1/batches/{id}/shortlist", id).then().statusCode(200)
                .body("type", equalTo("score"))
                .body("items[0].score", org.hamcrest.Matchers.notNullValue())
                .body("items[0].recommendation", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void cancelEndsWhatHasNotRunAndNothingSucceedsAfter() {
        String id = submit(Map.of("type", "score", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER),
                "resumes", resumes(5_000, 300)));

        JsonPath cancelled = given().post("/api/v1/batches/{id}/cancel", id).then().statusCode(200).extract().jsonPath();
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");

        JsonPath settled = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> batch(id), b -> b.getInt("counts.queued") == 0 && b.getInt("counts.running") == 0);
        int succeeded = settled.getInt("counts.succeeded");
        assertThat(settled.getInt("counts.cancelled")).isGreaterThan(0);
        assertThat(succeeded + settled.getInt("counts.cancelled") + settled.getInt("counts.failed")).isEqualTo(5_000);
        assertThat(settled.getInt("progress")).isEqualTo(100);

        // Cancelled children stay cancelled: once the pipeline has let all its work go, none of them succeeded after all.
        await().atMost(Duration.ofSeconds(30)).until(() -> Jobs.runningHere() == 0);
        assertThat(batch(id).getInt("counts.succeeded")).isEqualTo(succeeded);
    }

    @Test
    void batchOfAnotherIdIsNotFound() {
        given().get("/api/v1/batches/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().post("/api/v1/batches/{id}/cancel", UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/batches/{id}/shortlist", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void emptyBatchIsRefused() {
        rejects(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of()), "resumes");
    }

    @Test
    void oversizeBatchIsRefused() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            many.add(Map.of("text", "Java " + i));
        }
        rejects(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", many), "resumes");
    }

    @Test
    void duplicateExternalIdsAreNamed() {
        rejects(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of(
                Map.of("externalId", "c-1", "text", "Java"), Map.of("externalId", "c-1", "text", "Kotlin"))),
                "resumes[1].externalId");
    }

    @Test
    void resumeWithoutTextIsNamed() {
        rejects(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of(
                Map.of("externalId", "c-1"))), "resumes[0].text");
    }

    @Test
    void generateBatchesAreRefused() {
        rejects(Map.of("type", "generate", "jobDescription", Map.of("text", "Java"), "resumes", List.of(
                Map.of("text", "Java"))), "type");
    }

    @Test
    void reScoringNeedsARemoteModelAndAScoreBatch() {
        // This profile runs the local engine with no remote model configured.
        rejects(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of(Map.of("text", "Java")),
                "rescore", Map.of("top", 5)), "rescore");
        rejects(Map.of("type", "tailor", "jobDescription", Map.of("text", "Java"), "resumes", List.of(Map.of("text", "Java")),
                "rescore", Map.of("top", 5)), "rescore");
        rejects(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of(Map.of("text", "Java")),
                "options", Map.of("engine", "remote")), "options.engine");
        rejects(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of(Map.of("text", "Java")),
                "options", Map.of("engine", "gpt-9")), "options.engine");
    }

    @Test
    void topOutOfRangeIsNamed() {
        String id = submit(Map.of("type", "score", "jobDescription", Map.of("text", "Java"),
                "resumes", List.of(Map.of("text", "Java"))));
        given().get("/api/v1/batches/{id}/shortlist?top=0", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("top"));
    }

    /** {@code count} fixture resumes, cycled, each with a unique external id naming its field. */
    private static List<Map<String, Object>> resumes(int count, int maxChars) {
        List<Fixtures.Resume> all = Fixtures.resumes();
        List<Map<String, Object>> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Fixtures.Resume resume = all.get(i % all.size());
            String text = resume.text().length() > maxChars ? resume.text().substring(0, maxChars) : resume.text();
            items.add(Map.of("externalId", resume.field() + " #" + i, "text", text));
        }
        return items;
    }

    /** The first fixture resume of each field, its external id naming the field. */
    private static List<Map<String, Object>> onePerField() {
        return Fixtures.fields().stream()
                .map(field -> Map.<String, Object>of("externalId", field + " #1", "text", Fixtures.resumes(field).get(0).text()))
                .toList();
    }

    private static String submit(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/batches")
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/batches/"))
                .extract().path("id");
    }

    private static JsonPath batch(String id) {
        return given().get("/api/v1/batches/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitStatus(String id, String status, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> batch(id), b -> status.equals(b.getString("status")));
    }

    private static void rejects(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/batches")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem(field));
    }
}
