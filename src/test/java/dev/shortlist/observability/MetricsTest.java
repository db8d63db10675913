package dev.shortlist.observability;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static dev.shortlist.support.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.shortlist.support.JobDescriptions;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {

    @Test
    void jobCountersAndProcessingTimerAreExported() {
        awaitEnd(submit(scoreRequest("Java and Spring developer", JobDescriptions.JAVA_DEVELOPER)));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("shortlist_jobs_submitted_total{type=\"score\"}"))
                .body(containsString("shortlist_jobs_completed_total{outcome=\"succeeded\",type=\"score\"}"))
                .body(containsString("shortlist_job_processing_seconds_count{outcome=\"succeeded\",type=\"score\"}"))
                .body(containsString("shortlist_job_latency_seconds_count{outcome=\"succeeded\",type=\"score\"}"))
                .body(containsString("shortlist_queue_depth{priority=\"bulk\"}"))
                .body(containsString("shortlist_jobs_running "));
    }
}
