package dev.shortlist.documents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.shortlist.support.FixtureDocuments;
import dev.shortlist.support.Fixtures;
import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.ResumeZips;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkUploadTest {

    private static final String BULK = "/api/v1/documents/bulk";
    private static final String PDF = "application/pdf";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @Inject
    Pool pool;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void eachPartIsStoredOrRefusedWithItsReason() throws IOException {
        String pdfText = unique(Fixtures.resumes("sales").get(0).text());
        String docxText = unique(Fixtures.resumes("hr").get(0).text());

        JsonPath answer = given()
                .multiPart("files", "sales.pdf", FixtureDocuments.pdf(pdfText, 10), PDF)
                .multiPart("files", "locked.pdf", HostileFiles.encryptedPdf("Secret resume"), PDF)
                .multiPart("files", "hr.docx", FixtureDocuments.docx(docxText), DOCX)
                .multiPart("files", "scan.pdf", HostileFiles.pdfWithoutText(), PDF)
                .multiPart("files", "photo.pdf", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}, PDF)
                .multiPart("files", "huge.txt", new byte[3 << 20], "text/plain")
                .when().post(BULK)
                .then().statusCode(200).extract().jsonPath();

        assertThat(answer.getInt("files")).isEqualTo(6);
        assertThat(answer.getInt("stored")).isEqualTo(2);
        assertThat(answer.getList("items.name", String.class))
                .containsExactly("sales.pdf", "locked.pdf", "hr.docx", "scan.pdf", "photo.pdf", "huge.txt");
        assertThat(answer.getList("items.status", String.class))
                .containsExactly("stored", "refused", "stored", "refused", "refused", "refused");
        assertThat(eachItem(answer, "type")).containsExactly(null,
                problem("encrypted-document"), null, problem("no-extractable-text"), problem("unsupported-document-type"),
                problem("document-too-large"));
        assertThat(eachItem(answer, "status")).containsExactly(null, 422, null, 422, 415, 413);
        assertThat(answer.getList("items[1].problem.errors.field", String.class)).containsExactly("files[1]");

        String stored = given().get("/api/v1/documents/{id}", answer.getString("items[2].documentId"))
                .then().statusCode(200).extract().path("text");
        assertThat(stored).contains(docxText.lines().filter(line -> !line.isBlank()).findFirst().orElseThrow().strip());
        assertThat(answer.getInt("items[0].pages")).isPositive();
        assertThat(answer.getInt("items[0].characters")).isGreaterThan(pdfText.length() / 2);
    }

    @Test
    void zipEntriesWithTraversalNamesOrNestedZipsAreRefusedAndTheRestStored() throws IOException {
        String text = unique("Data analyst. SQL, Python, Tableau dashboards.");
        byte[] zip = zip(Map.of(
                "../../etc/cron.d/evil.pdf", pdf(unique("Traversal")),
                "/abs/root.pdf", pdf(unique("Absolute")),
                "inner.zip", zip(Map.of("x.pdf", pdf(unique("Nested")))),
                "cv/inner-no-extension", zip(Map.of("y.pdf", pdf(unique("Nested 2")))),
                "cv/analyst.pdf", pdf(text)));

        JsonPath answer = given().contentType("application/zip").body(zip)
                .when().post(BULK)
                .then().statusCode(200).extract().jsonPath();

        Map<String, String> problems = problemsByName(answer);
        assertThat(problems).containsEntry("../../etc/cron.d/evil.pdf", problem("unsafe-file-name"))
                .containsEntry("/abs/root.pdf", problem("unsafe-file-name"))
                .containsEntry("inner.zip", problem("nested-archive"))
                .containsEntry("cv/inner-no-extension", problem("nested-archive"))
                .containsEntry("cv/analyst.pdf", null);
        assertThat(answer.getList("items.field", String.class)).containsOnly("body");
    }

    @Test
    void zipBombsAreRefusedBeforeTheyExpand() throws IOException {
        // 32 MB of zeros, declared honestly: the directory alone refuses it (the test cap is 16 MB)
        byte[] bomb = zipOfZeros("resume.txt", 32L << 20);

        given().contentType("application/zip").body(bomb)
                .when().post(BULK)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(problem("no-document-stored")))
                .body("errors.field", hasItem("body"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("decompression-bomb"));

        // more entries than the cap, beside a good file: the bomb is one refused item, the file is stored
        String text = unique("Nurse. ICU, triage, patient care.");
        JsonPath answer = given()
                .multiPart("files", "many.zip", manyEntries(2_001), "application/zip")
                .multiPart("files", "nurse.pdf", pdf(text), PDF)
                .when().post(BULK)
                .then().statusCode(200).extract().jsonPath();
        assertThat(problemsByName(answer)).containsEntry("many.zip", problem("decompression-bomb")).containsEntry("nurse.pdf", null);
    }

    @Test
    void aZipBodyThatIsNoZipStoresNothing() {
        for (byte[] body : List.of(new byte[0], "Java developer, plain text".getBytes(StandardCharsets.UTF_8))) {
            given().contentType("application/zip").body(body)
                    .when().post(BULK)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem("body"))
                    .body("errors[0].message", org.hamcrest.Matchers.containsString("corrupt-archive"));
        }
        given().multiPart("type", "score").when().post(BULK)
                .then().statusCode(400).body("errors.field", hasItem("files"));
    }

    @Test
    void retriedUploadWithTheSameIdempotencyKeyStoresOnce() throws IOException {
        String key = "bulk-" + UUID.randomUUID();
        byte[] first = pdf(unique("Chef. Menu costing, HACCP."));
        byte[] second = pdf(unique("Chef. Pastry, sourdough."));

        Response original = withBatch(given().header("Idempotency-Key", key))
                .multiPart("files", "a.pdf", first, PDF).multiPart("files", "b.pdf", second, PDF)
                .when().post(BULK);
        original.then().statusCode(202);
        long documents = count("documents");
        long batches = count("batches");
        long jobs = count("jobs");

        Response retry = withBatch(given().header("Idempotency-Key", key))
                .multiPart("files", "a.pdf", first, PDF).multiPart("files", "b.pdf", second, PDF)
                .when().post(BULK);

        retry.then().statusCode(202).header("Idempotent-Replayed", "true")
                .header("Location", original.getHeader("Location"));
        assertThat(retry.jsonPath().getString("batch.id")).isEqualTo(original.jsonPath().getString("batch.id"));
        assertThat(retry.jsonPath().getList("items.documentId")).isEqualTo(original.jsonPath().getList("items.documentId"));
        assertThat(count("documents")).isEqualTo(documents);
        assertThat(count("batches")).isEqualTo(batches);
        assertThat(count("jobs")).isEqualTo(jobs);

        withBatch(given().header("Idempotency-Key", key))
                .multiPart("files", "a.pdf", first, PDF)
                .when().post(BULK)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void batchFieldsAreCheckedBeforeAnyFileIsRead() {
        given().multiPart("files", "a.txt", "Java developer".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("jobDescription", "Java developer").multiPart("type", "generate-everything")
                .when().post(BULK)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("type"));
        given().contentType("application/zip").body(new byte[] {1})
                .queryParam("priority", "urgent")
                .when().post(BULK)
                .then().statusCode(400).body("errors.field", hasItem("jobDescription"));
    }

    @Test
    void zipOfAThousandPdfsBecomesARunningBatchInOneCall() {
        byte[] zip = ResumeZips.pdfs(1_000, ResumeZips.Fonts.BUILT_IN);

        // The one call does the whole intake, which on a loaded machine outlasts the 30 s read
        // timeout of tests: this call may wait longer (nothing here times anything).
        Response response = withBatch(given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", (int) Duration.ofMinutes(10).toMillis()))))
                .multiPart("files", "resumes.zip", zip, "application/zip")
                .when().post(BULK);

        response.then().statusCode(202);
        JsonPath answer = response.jsonPath();
        String batchId = answer.getString("batch.id");
        try {
            assertThat(answer.getInt("stored")).isEqualTo(1_000);
            assertThat(answer.getList("items.name", String.class)).startsWith(ResumeZips.name(0), ResumeZips.name(1));
            assertThat(response.getHeader("Location")).endsWith("/api/v1/batches/" + batchId);
            assertThat(given().get("/api/v1/batches/{id}", batchId).then().statusCode(200).extract().<Integer>path("total"))
                    .isEqualTo(1_000);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> given()
                    .get("/api/v1/batches/{id}", batchId).then().extract().<Integer>path("counts.succeeded") > 0);
            JsonPath firstDone = given().get("/api/v1/jobs?batch={id}&status=succeeded&limit=1", batchId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(firstDone.getInt("items[0].result.score")).isBetween(0, 100);
            assertThat(firstDone.getString("items[0].result.engine")).isEqualTo("local");
        } finally {
            // the rest need not run: this test is about intake, and the pipeline is shared by the suite
            given().post("/api/v1/batches/{id}/cancel", batchId).then().statusCode(200);
        }
    }

    private static RequestSpecification withBatch(RequestSpecification request) {
        return request.multiPart("jobDescription", JobDescriptions.JAVA_DEVELOPER).multiPart("type", "score");
    }

    private long count(String table) {
        return pool.query("SELECT count(*) FROM " + table + " WHERE owner = 'local'").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(10));
    }

    /** One field of each item's problem, null where the item has none. */
    private static List<Object> eachItem(JsonPath answer, String problemField) {
        List<Map<String, Object>> items = answer.getList("items");
        return items.stream().map(item -> item.get("problem") instanceof Map<?, ?> problem ? problem.get(problemField) : null)
                .collect(java.util.stream.Collectors.toList());
    }

    private static byte[] pdf(String text) {
        return FixtureDocuments.standardFontPdf(text, 10);
    }

    private static Map<String, String> problemsByName(JsonPath answer) {
        Map<String, String> problems = new java.util.HashMap<>();
        List<Map<String, Object>> items = answer.getList("items");
        for (Map<String, Object> item : items) {
            Object problem = item.get("problem");
            problems.put((String) item.get("name"), problem == null ? null : (String) ((Map<?, ?>) problem).get("type"));
        }
        return problems;
    }

    private static String problem(String type) {
        return "https://shortlist.dev/problems/" + type;
    }

    private static String unique(String text) {
        return text + "\nReference " + UUID.randomUUID();
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zipOfZeros(String name, long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] manyEntries(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < count; i++) {
                zip.putNextEntry(new ZipEntry("cv-" + i + ".txt"));
                zip.write(("Resume " + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
