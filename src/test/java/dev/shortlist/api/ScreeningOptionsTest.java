package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code options} a job or a batch may carry: a key this version does not read is refused, never ignored. */
@QuarkusTest
class ScreeningOptionsTest {

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
