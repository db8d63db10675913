package dev.shortlist.api;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static dev.shortlist.support.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.documents.ResumeSamples;
import dev.shortlist.support.JobDescriptions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobResultTest {

    private static final String ME = "local"; // the owner of requests without a key in tests
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RESUME = """
            Jane Doe — Backend Engineer

            Experience
            - Built Spring Boot microservices in Java 17 running on Kubernetes
            - Tuned PostgreSQL queries and designed REST APIs used by 40 teams
            """;

    /** A job as the pipeline leaves it, written straight to the database. */
    private static final String INSERT = """
            INSERT INTO jobs (id, owner, type, status, input, input_hash, result, error, progress,
                              run_after, lease_owner, lease_expires_at, started_at, finished_at)
            VALUES ($1, $2, $3, $4, '{}'::jsonb, $1::text, $5::text::jsonb, $6::text::jsonb,
                    CASE WHEN $4 = 'succeeded' THEN 100 ELSE 0 END,
                    now() + CASE WHEN $4 = 'queued' THEN interval '1 hour' ELSE interval '0' END,
                    CASE WHEN $4 = 'running' THEN 'another-replica' END,
                    CASE WHEN $4 = 'running' THEN now() + interval '1 hour' END,
                    CASE WHEN $4 <> 'queued' THEN now() END,
                    CASE WHEN $4 IN ('succeeded', 'failed', 'cancelled') THEN now() END)
            """;

    @Inject
    Pool pool;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void jsonIsTheJobsResult() {
        UUID id = aSucceededJob("generate", resumeResult(ResumeSamples.JANE_DOE));

        String result = given().get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).contentType("application/json").extract().asString();

        Map<String, Object> job = given().get("/api/v1/jobs/{id}", id).then().extract().jsonPath().getMap("result");
        assertThat(new JsonPath(result).getMap("")).isEqualTo(job);
    }

    @Test
    void markdownOfAGenerateJobIsItsResume() {
        UUID id = aSucceededJob("generate", resumeResult(ResumeSamples.JANE_DOE));

        String markdown = given().accept("text/markdown").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200)
                .contentType(startsWith("text/markdown"))
                .header("Content-Disposition", "inline; filename=\"" + id + ".md\"")
                .extract().asString();

        assertThat(markdown).isEqualTo(ResumeSamples.JANE_DOE);
    }

    @Test
    void pdfOfAGenerateJobIsAnAttachmentWithTheResumesText() throws IOException {
        UUID id = aSucceededJob("generate", resumeResult(ResumeSamples.JANE_DOE));

        byte[] pdf = given().accept("application/pdf").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + id + ".pdf\"")
                .extract().asByteArray();

        assertThat(pdfText(pdf)).contains("Jane Doe", "jane.doe@example.com", "Summary", "Experience", "Skills",
                "Led the move of billing to Spring Boot microservices on Kubernetes", "Mentored six engineers");
    }

    @Test
    void pdfOfAResumeWithCharactersBeyondTheStandardFontsStillRenders() throws IOException {
        UUID id = aSucceededJob("tailor", resumeResult(ResumeSamples.BEYOND_WINANSI));

        byte[] pdf = given().queryParam("format", "pdf").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).extract().asByteArray();

        assertThat(pdfText(pdf)).contains("Zoë Lukasiewicz-Dvorák", "Experience", "Built “smart” pipelines");
    }

    @Test
    void docxOfATailorJobHasHeadingStylesAndBullets() throws IOException {
        UUID id = aSucceededJob("tailor", resumeResult(ResumeSamples.JANE_DOE));

        byte[] docx = given().accept(DOCX).get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).contentType(DOCX)
                .header("Content-Disposition", "attachment; filename=\"" + id + ".docx\"")
                .extract().asByteArray();

        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx));
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            assertThat(extractor.getText()).contains("jane.doe@example.com", "Mentored six engineers");
            assertThat(paragraphsStyled(document, "Heading1")).containsExactly("Jane Doe");
            assertThat(paragraphsStyled(document, "Heading2")).containsExactly("Summary", "Experience", "Skills");
            assertThat(document.getParagraphs()).filteredOn(p -> p.getNumID() != null).extracting(XWPFParagraph::getText)
                    .contains("Led the move of billing to Spring Boot microservices on Kubernetes");
        }
    }

    @Test
    void scoreJobDownloadsAsAReport() throws IOException {
        String id = submit(scoreRequest(RESUME, JobDescriptions.JAVA_DEVELOPER));
        JsonPath job = awaitEnd(id);
        assertThat(job.getString("status")).isEqualTo("succeeded");
        int score = job.getInt("result.score");

        String markdown = given().queryParam("format", "markdown").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).extract().asString();
        String pdf = pdfText(given().queryParam("format", "pdf").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).extract().asByteArray());
        String docx = docxText(given().queryParam("format", "docx").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).extract().asByteArray());

        String matched = job.getList("result.matchedSkills", String.class).get(0);
        String missing = job.getList("result.missingSkills", String.class).get(0);
        String component = job.getString("result.components[0].name");
        assertThat(markdown).contains("**Score:** " + score + "/100", "## Components", "| " + component + " |",
                "## Matched skills", "- " + matched, "## Missing skills", "- " + missing,
                "Built Spring Boot microservices in Java 17 running on Kubernetes");
        for (String document : List.of(pdf, docx)) {
            assertThat(document).contains("Score report", "Score: " + score + "/100", "Components", component,
                    "Matched skills", matched, "Missing skills", missing, "Evidence",
                    "Built Spring Boot microservices in Java 17", "Summary");
        }
    }

    @Test
    void generateJobOfTheLocalEngineDownloadsAsItsResume() throws IOException {
        Map<String, Object> profile = Map.of("name", "Ada Park", "email", "ada@example.com",
                "skills", List.of("Java", "PostgreSQL", "Spring"),
                "experience", List.of(Map.of("title", "Engineer", "company", "Hooli", "start", "2020",
                        "highlights", List.of("Moved billing to Java services on PostgreSQL"))));
        String id = submit(Map.of("type", "generate", "profile", profile,
                "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER)));
        JsonPath job = awaitEnd(id);
        assertThat(job.getString("status")).isEqualTo("succeeded");

        String markdown = given().accept("text/markdown").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).extract().asString();
        String pdf = pdfText(given().queryParam("format", "pdf").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).extract().asByteArray());

        assertThat(markdown).isEqualTo(job.getString("result.resumeMarkdown"));
        assertThat(pdf).contains("Ada Park", "Engineer — Hooli", "Moved billing to Java services on PostgreSQL")
                .doesNotContain("#", "**");
    }

    @Test
    void formatQueryWinsOverAccept() {
        UUID id = aSucceededJob("generate", resumeResult(ResumeSamples.JANE_DOE));

        given().accept("application/json").queryParam("format", "markdown").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).contentType(startsWith("text/markdown"));
        given().accept("text/html").queryParam("format", "pdf").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).contentType("application/pdf");
    }

    @Test
    void acceptPicksTheCallersMostPreferredOfferedType() {
        UUID id = aSucceededJob("generate", resumeResult(ResumeSamples.JANE_DOE));

        given().accept("text/html, " + DOCX + ";q=0.5, application/json;q=0.9").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).contentType("application/json");
        given().accept("text/*").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).contentType(startsWith("text/markdown"));
    }

    @Test
    void unknownJobIsNotFound() {
        given().queryParam("format", "pdf").get("/api/v1/jobs/{id}/result", UUID.randomUUID())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("title", equalTo("Not found"));
    }

    @Test
    void anotherOwnersJobIsNotFound() {
        UUID id = insert("someone-else", "generate", "succeeded", resumeResult(ResumeSamples.JANE_DOE).toString(), null);

        given().accept("text/markdown").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void jobsThatHaveNotSucceededAreAConflictNamingTheirStatus() {
        String error = "{\"code\":\"llm-unavailable\",\"message\":\"down\",\"retryable\":false}";
        Map<String, UUID> jobs = Map.of(
                "queued", insert(ME, "tailor", "queued", null, null),
                "running", insert(ME, "tailor", "running", null, null),
                "failed", insert(ME, "tailor", "failed", null, error),
                "cancelled", insert(ME, "tailor", "cancelled", null, null));

        jobs.forEach((status, id) -> given().queryParam("format", "pdf").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString(status)));
    }

    @Test
    void unsupportedFormatOrAcceptIsNotAcceptableListingTheFormats() {
        UUID id = aSucceededJob("generate", resumeResult(ResumeSamples.JANE_DOE));

        given().queryParam("format", "xml").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(406).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("format"))
                .body("detail", containsString("json, markdown, pdf, docx"));
        given().accept("text/html, image/png").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(406).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("Accept"))
                .body("detail", containsString("application/pdf"));
        given().header("Accept", "not a media type;;").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("Accept"));
    }

    @Test
    void aResultWithoutAResumeIsOfferedAsJsonOnly() {
        ObjectNode result = JSON.createObjectNode().put("notes", "no resume here");
        UUID id = aSucceededJob("tailor", result);

        given().queryParam("format", "docx").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(406).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("Offered: json (application/json)."));
        given().queryParam("format", "json").get("/api/v1/jobs/{id}/result", id)
                .then().statusCode(200).body("notes", equalTo("no resume here"));
    }

    @Test
    void openApiDescribesTheFourFormats() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/jobs/{id}/result'.get.responses.'200'.content.keySet()",
                        containsInAnyOrder("application/json", "text/markdown", "application/pdf", DOCX))
                .body("paths.'/api/v1/jobs/{id}/result'.get.responses.keySet()",
                        hasItems("404", "406", "409"));
    }

    /** A tailor or generate result with every field either schema requires (the API contract is checked on each read). */
    private static ObjectNode resumeResult(String markdown) {
        ObjectNode result = JSON.createObjectNode().put("resumeMarkdown", markdown);
        result.putArray("changes").add("Moved Kubernetes experience to the top");
        result.putArray("keywordsAdded").add("Kubernetes");
        result.putArray("matchedSkills").add("Kubernetes");
        result.putArray("missingKeywords");
        result.put("atsScore", 80).put("atsScoreBefore", 60).put("atsScoreAfter", 80);
        result.put("engine", "local").put("model", "fixture").put("promptVersion", "fixture-v1");
        result.putObject("flags").put("promptInjection", false);
        return result;
    }

    private UUID aSucceededJob(String type, ObjectNode result) {
        return insert(ME, type, "succeeded", result.toString(), null);
    }

    private UUID insert(String owner, String type, String status, String result, String error) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] { id, owner, type, status, result, error }))
                .await().atMost(Duration.ofSeconds(5));
        return id;
    }

    private static List<String> paragraphsStyled(XWPFDocument document, String style) {
        return document.getParagraphs().stream().filter(p -> style.equals(p.getStyle())).map(XWPFParagraph::getText).toList();
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String docxText(byte[] docx) throws IOException {
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx));
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            return extractor.getText();
        }
    }
}
