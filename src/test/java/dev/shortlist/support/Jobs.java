package dev.shortlist.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Drives the jobs API the way a client does: submit, then poll until the job ends. */
public final class Jobs {

    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");

    private Jobs() {
    }

    public static Map<String, Object> scoreRequest(String resume, String jobDescription) {
        return Map.of("type", "score", "resume", Map.of("text", resume), "jobDescription", Map.of("text", jobDescription));
    }

    /** Submits a job and returns its id. */
    public static String submit(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/jobs")
                .then().statusCode(202)
                .extract().path("id");
    }

    /** How many jobs this replica's pipeline is running now (the {@code shortlist_jobs_running} gauge). */
    public static int runningHere() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("shortlist_jobs_running "))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no shortlist_jobs_running gauge in /q/metrics"));
    }

    /** Polls the job until it reaches an end state and returns its view. */
    public static JsonPath awaitEnd(String id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = given().get("/api/v1/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
            return TERMINAL.contains(last[0].getString("status"));
        });
        return last[0];
    }
}
