package dev.shortlist.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void apiErrorAnswersCarryTheSecurityHeadersAndAreNeverCached() {
        ValidatableResponse response = given().get("/api/v1/jobs/" + UUID.randomUUID()).then().statusCode(404);
        hasSecurityHeaders(response);
        response.header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void rejectedSubmissionsCarryTheSecurityHeaders() {
        ValidatableResponse response = given().contentType("application/json").body("{")
                .post("/api/v1/jobs").then().statusCode(400);
        hasSecurityHeaders(response);
        response.header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void healthAnswersOutsideTheApiCarryTheSecurityHeadersToo() {
        hasSecurityHeaders(given().get("/q/health/live").then().statusCode(200));
    }

    private static void hasSecurityHeaders(ValidatableResponse response) {
        response.header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", equalTo("frame-ancestors 'none'"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }
}
