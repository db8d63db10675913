package dev.shortlist.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.support.Fixtures;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two-stage batches: the local engine ranks every resume, then the remote model (the stub)
 * re-scores only the best few, so a large batch costs a handful of model calls. The
 * shortlist puts the re-scored resumes first and says which engine scored each entry.
 */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
class RescoredBatchTest {

    @Test
    void theRemoteModelReScoresOnlyTheLocalEnginesBest() {
        LlmStubServer stub = LlmStubResource.freshStub();
        List<Map<String, Object>> resumes = new ArrayList<>();
        Fixtures.resumes("chef").forEach(r -> resumes.add(Map.of("externalId", "chef " + r.name(), "text", r.text())));
        Fixtures.resumes("accounting").forEach(r -> resumes.add(Map.of("externalId", "accountant " + r.name(), "text", r.text())));
        int top = 3;

        String id = given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", Fixtures.job("chef")),
                        "resumes", resumes, "rescore", Map.of("top", top)))
                .post("/api/v1/batches").then().statusCode(202).extract().path("id");

        JsonPath batch = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/v1/batches/{id}", id).then().statusCode(200).extract().jsonPath(),
                        b -> "completed".equals(b.getString("status")));

        assertThat(batch.getInt("total")).as("first-stage jobs and the re-scoring ones").isEqualTo(resumes.size() + top);
        assertThat(batch.getInt("counts.succeeded")).isEqualTo(resumes.size() + top);
        assertThat(batch.getInt("rescore.top")).isEqualTo(top);
        assertThat(batch.getString("rescore.startedAt")).isNotNull();
        assertThat(stub.requestCount()).as("model calls: only the re-scored resumes").isEqualTo(top);

        JsonPath shortlist = given().get("/api/v1/batches/{id}/shortlist?top=100", id).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = shortlist.getList("items");
        assertThat(items).as("one entry per resume, not per job").hasSize(resumes.size());
        List<Map<String, Object>> reScored = items.subList(0, top);
        List<Map<String, Object>> rest = items.subList(top, items.size());
        assertThat(reScored).allSatisfy(item -> {
            assertThat(item.get("engine")).isEqualTo("openai");
            assertThat(item.get("localScore")).isNotNull();
        });
        assertThat(rest).allSatisfy(item -> {
            assertThat(item.get("engine")).isEqualTo("local");
            assertThat(item.get("localScore")).isNull();
        });
        // The re-scored resumes were the local engine's best: none left behind scored higher locally.
        int lowestReScoredLocally = reScored.stream().mapToInt(item -> (Integer) item.get("localScore")).min().orElseThrow();
        assertThat(rest).allSatisfy(item -> assertThat((Integer) item.get("score")).isLessThanOrEqualTo(lowestReScoredLocally));
        assertThat(reScored).allSatisfy(item -> assertThat((String) item.get("externalId")).startsWith("chef"));

        String csv = given().get("/api/v1/batches/{id}/shortlist?format=csv&top=100", id).then().statusCode(200).extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith("engine,localScore");
        assertThat(csv).contains(",openai,");
    }

    @Test
    void aCancelledTwoStageBatchEndsWithoutReScoring() {
        LlmStubServer stub = LlmStubResource.freshStub();
        List<Map<String, Object>> resumes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            resumes.add(Map.of("externalId", "c-" + i, "text", "Line cook " + i + ". Prep, grill, sauté, food safety."));
        }
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", Fixtures.job("chef")),
                        "resumes", resumes, "rescore", Map.of("top", 5)))
                .post("/api/v1/batches").then().statusCode(202).extract().path("id");
        given().post("/api/v1/batches/{id}/cancel", id).then().statusCode(200);

        JsonPath batch = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/v1/batches/{id}", id).then().statusCode(200).extract().jsonPath(),
                        b -> b.getString("finishedAt") != null);
        assertThat(batch.getString("status")).isEqualTo("cancelled");
        assertThat(batch.getInt("total")).as("no re-scoring jobs were added").isEqualTo(resumes.size());
        assertThat(stub.requestCount()).isZero();
    }
}
