package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/batches and GET /api/v1/documents: each key's own items, newest first, paged by cursor, filtered. */
@QuarkusTest
class ListingsTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";
    private static final String JD = "Java developer: Spring Boot, PostgreSQL";

    private String mine;
    private String theirs;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void freshKeys() {
        // Fresh keys, so each listing holds only what this test made.
        mine = createKey("listing-mine-" + UUID.randomUUID());
        theirs = createKey("listing-theirs-" + UUID.randomUUID());
    }

    @Test
    void batchesAreMineOnlyNewestFirstAndPagedWithoutGapsOrRepeats() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submitBatch(mine, i % 2 == 0 ? "score" : "tailor", "Resume " + i));
        }
        String others = submitBatch(theirs, "score", "Someone else's resume");

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = as(mine).get("/api/v1/batches?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id", String.class);
            seen.addAll(ids);
            pageSizes.add(ids.size());
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        List<String> newestFirst = new ArrayList<>(submitted);
        Collections.reverse(newestFirst);
        assertThat(seen).isEqualTo(newestFirst);
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(as(theirs).get("/api/v1/batches").then().statusCode(200).extract().jsonPath().getList("items.id", String.class))
                .containsExactly(others);
    }

    @Test
    void batchesFilterByTypeStatusAndCreationTime() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submitBatch(mine, i == 1 ? "tailor" : "score", "Java developer " + i));
        }
        as(mine).post("/api/v1/batches/{id}/cancel", ids.get(3)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> listIds("?status=completed").size() == 3);

        assertThat(listIds("?type=tailor")).containsExactly(ids.get(1));
        assertThat(listIds("?type=SCORE")).containsExactly(ids.get(3), ids.get(2), ids.get(0));
        assertThat(listIds("?status=cancelled")).containsExactly(ids.get(3));
        assertThat(listIds("?status=completed")).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(listIds("?status=running")).isEmpty();
        assertThat(listIds("?status=completed&type=score")).containsExactly(ids.get(2), ids.get(0));

        String third = as(mine).get("/api/v1/batches/{id}", ids.get(2)).then().extract().path("createdAt");
        assertThat(listIds("?createdAfter=" + third)).as("createdAfter is inclusive").containsExactly(ids.get(3), ids.get(2));
        assertThat(listIds("?createdBefore=" + third)).as("createdBefore is exclusive").containsExactly(ids.get(1), ids.get(0));
        JsonPath listed = as(mine).get("/api/v1/batches?type=tailor").then().extract().jsonPath();
        assertThat(listed.getString("items[0].status")).isEqualTo("completed");
        assertThat(listed.getInt("items[0].counts.succeeded")).isEqualTo(1);
        assertThat(listed.getInt("items[0].progress")).isEqualTo(100);
        assertThat(listed.getString("nextCursor")).isNull();
    }

    @Test
    void documentsAreMineOnlyNewestFirstPagedAndWithoutText() {
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uploaded.add(upload(mine, "text/plain", "cv-" + i + ".txt", "Resume " + i + " " + UUID.randomUUID()));
        }
        String theirDocument = upload(theirs, "text/plain", "theirs.txt", "Their resume " + UUID.randomUUID());

        JsonPath first = as(mine).get("/api/v1/documents?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id", String.class)).containsExactly(uploaded.get(2), uploaded.get(1));
        assertThat(first.getList("items.fileName", String.class)).containsExactly("cv-2.txt", "cv-1.txt");
        assertThat(first.getMap("items[0]")).doesNotContainKey("text");
        JsonPath second = as(mine).get("/api/v1/documents?limit=2&cursor=" + first.getString("nextCursor"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.id", String.class)).containsExactly(uploaded.get(0));
        assertThat(second.getString("nextCursor")).isNull();

        assertThat(as(theirs).get("/api/v1/documents").then().extract().jsonPath().getList("items.id", String.class))
                .containsExactly(theirDocument);
    }

    @Test
    void documentsFilterByContentTypeAndUploadTime() {
        String text = upload(mine, "text/plain", "cv.txt", "Plain resume " + UUID.randomUUID());
        String markdown = upload(mine, "text/markdown", "cv.md", "# Markdown resume " + UUID.randomUUID());

        assertThat(documentIds("?contentType=text/markdown")).containsExactly(markdown);
        assertThat(documentIds("?contentType=text/plain")).containsExactly(text);
        assertThat(documentIds("?contentType=application/pdf")).isEmpty();
        String second = as(mine).get("/api/v1/documents/{id}", markdown).then().extract().path("createdAt");
        assertThat(documentIds("?createdAfter=" + second)).containsExactly(markdown);
        assertThat(documentIds("?createdBefore=" + second)).containsExactly(text);
    }

    @Test
    void badListingParametersAreNamed() {
        for (String path : List.of("/api/v1/batches", "/api/v1/documents")) {
            for (String query : List.of("limit=0", "limit=201", "createdAfter=yesterday", "createdBefore=2026-13-01",
                    "cursor=not-a-cursor")) {
                String field = query.substring(0, query.indexOf('='));
                as(mine).get(path + "?" + query).then().statusCode(400).contentType("application/problem+json")
                        .body("errors[0].field", equalTo(field));
            }
            as(mine).get(path + "?limit=200").then().statusCode(200);
        }
        as(mine).get("/api/v1/batches?status=finished").then().statusCode(400).body("errors[0].field", equalTo("status"));
        as(mine).get("/api/v1/batches?type=generate").then().statusCode(400).body("errors[0].field", equalTo("type"));
        as(mine).get("/api/v1/documents?contentType=image/gif").then().statusCode(400)
                .body("errors[0].field", equalTo("contentType"));
    }

    @Test
    void openApiDescribesTheListingsTheRetryAndBothShortlistShapes() {
        JsonPath api = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(api.getMap("paths.'/api/v1/batches'.get.responses")).containsKeys("200", "400");
        assertThat(api.getList("paths.'/api/v1/batches'.get.parameters.name", String.class))
                .contains("status", "type", "createdAfter", "createdBefore", "limit", "cursor");
        assertThat(api.getList("paths.'/api/v1/documents'.get.parameters.name", String.class))
                .contains("contentType", "createdAfter", "createdBefore", "limit", "cursor");
        assertThat(api.getMap("paths.'/api/v1/jobs/{id}/retry'.post.responses")).containsKeys("200", "404", "409");
        assertThat(api.getString("components.schemas.Shortlist.discriminator.propertyName")).isEqualTo("type");
        assertThat(api.getList("components.schemas.Shortlist.oneOf.'$ref'", String.class))
                .containsExactlyInAnyOrder("#/components/schemas/ScoreShortlist", "#/components/schemas/TailorShortlist");
        assertThat(api.getString("components.schemas.ScoreShortlist.allOf[1].properties.items.items.'$ref'"))
                .isEqualTo("#/components/schemas/ShortlistEntry");
        assertThat(api.getString("components.schemas.TailorShortlist.allOf[1].properties.items.items.'$ref'"))
                .isEqualTo("#/components/schemas/TailoredEntry");
    }

    private List<String> listIds(String query) {
        return as(mine).get("/api/v1/batches" + query).then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    private List<String> documentIds(String query) {
        return as(mine).get("/api/v1/documents" + query).then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }

    private static String submitBatch(String key, String type, String resume) {
        return as(key).contentType(ContentType.JSON)
                .body(Map.of("type", type, "jobDescription", Map.of("text", JD),
                        "resumes", List.of(Map.of("text", resume + " " + UUID.randomUUID()))))
                .post("/api/v1/batches").then().statusCode(202).extract().path("id");
    }

    private static String upload(String key, String contentType, String fileName, String text) {
        return as(key).contentType(contentType).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(text).post("/api/v1/documents").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key);
    }

    private static String createKey(String name) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("key");
    }
}
