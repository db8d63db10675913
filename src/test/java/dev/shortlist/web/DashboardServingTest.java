package dev.shortlist.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DashboardServingTest {

    @Test
    void theDashboardIsServedAtTheRootWithAPolicyThatAllowsOnlyItsOwnScripts() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"/console/main.js\">"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", "DENY");
        given().get("/console/main.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Security-Policy", containsString("default-src 'none'"));
    }

    @Test
    void apiAnswersStayUncached() {
        given().get("/api/v1/jobs").then().statusCode(200).header("Cache-Control", "no-store");
    }
}
