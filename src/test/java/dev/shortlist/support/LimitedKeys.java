package dev.shortlist.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;

/** API keys with limits of a test's choosing, and requests made with them from a client address of its choosing. */
public final class LimitedKeys {

    public static final String ADMIN = "Bearer sl_test_admin_key_for_tests_only";

    private LimitedKeys() {
    }

    /** A new user key with these limits, so each test starts with full buckets and empty windows. */
    public static String keyWith(Map<String, Object> limits) {
        return "Bearer " + given().header("Authorization", ADMIN).header("X-Forwarded-For", "198.51.100.1")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "limits-" + UUID.randomUUID(), "limits", limits))
                .post("/api/v1/admin/keys")
                .then().statusCode(201).extract().path("key");
    }

    /** Submits a job of {@code type} with {@code key} from {@code address} (behind a trusted proxy). */
    public static Response submit(String key, String type, String address) {
        return given().header("Authorization", key).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("type", type, "resume", Map.of("text", "Java developer " + UUID.randomUUID()),
                        "jobDescription", Map.of("text", "Java")))
                .post("/api/v1/jobs");
    }
}
