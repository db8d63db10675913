package dev.shortlist.documents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.shortlist.support.ResumeDataset;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DocumentUploadTest {

    private static final String PDF = "application/pdf";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void pdfResumeUploadsWithItsTextAndPages() throws IOException {
        JsonPath document = uploadAndRead(file("java-developer-row319.pdf"), PDF);

        assertThat(document.getString("mediaType")).isEqualTo(PDF);
        assertThat(document.getInt("pages")).isPositive();
        assertThat(wordRecall(csvRow(319), document.getString("text"))).isGreaterThan(0.95);
    }

    @Test
    void docxResumeUploadsWithItsText() throws IOException {
        JsonPath document = uploadAndRead(file("hr-row40.docx"), DOCX);

        assertThat(document.getString("mediaType")).isEqualTo(DOCX);
        assertThat(wordRecall(csvRow(40), document.getString("text"))).isGreaterThan(0.95);
    }

    @Test
    void docxTableLayoutIsReadFromItsCells() throws IOException {
        String text = uploadAndRead(file("fictional-table-layout-resume.docx"), DOCX).getString("text");

        assertThat(text).containsIgnoringCase("experience").containsIgnoringCase("skills");
        assertThat(text.length()).isGreaterThan(500);
    }

    @Test
    void everySampleFileYieldsText() throws IOException {
        try (var files = Files.list(ResumeDataset.dataDir().resolve("files"))) {
            for (Path file : files.sorted().toList()) {
                String type = file.toString().endsWith(".pdf") ? PDF : DOCX;
                int characters = upload(Files.readAllBytes(file), type).then().statusCode(equalToAny(200, 201))
                        .extract().path("characters");
                assertThat(characters).as(file.getFileName().toString()).isGreaterThan(200);
            }
        }
    }

    @Test
    void multipartUploadWorksToo() throws IOException {
        given().multiPart("file", "cv.pdf", file("sales-row225.pdf"), PDF)
                .when().post("/api/v1/documents")
                .then().statusCode(equalToAny(200, 201))
                .body("mediaType", equalTo(PDF))
                .body("fileName", equalTo("cv.pdf"));
    }

    @Test
    void theSameFileTwiceIsOneDocument() {
        byte[] text = ("Unique resume " + UUID.randomUUID() + "\nPython and SQL").getBytes(StandardCharsets.UTF_8);
        String first = upload(text, "text/plain").then().statusCode(201).extract().path("id");
        String second = upload(text, "text/plain").then().statusCode(200).extract().path("id");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void markdownIsAccepted() {
        byte[] markdown = ("# Jane Roe " + UUID.randomUUID() + "\n\n## Skills\n- Kotlin\n- Kafka\n").getBytes(StandardCharsets.UTF_8);
        upload(markdown, "text/markdown").then().statusCode(201)
                .body("mediaType", equalTo("text/markdown"))
                .body("pages", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void documentIsReadableByItsIdOnly() {
        given().get("/api/v1/documents/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void zipBombIsRefused() throws IOException {
        rejected(HostileFiles.zipBomb(200L << 20), DOCX, 422, "decompression-bomb");
    }

    @Test
    void docxThatInflatesAThousandFoldIsRefused() throws IOException {
        rejected(HostileFiles.paddedDocx(file("sales-row225.docx"), 50L << 20), DOCX, 422, "decompression-bomb");
    }

    @Test
    void zipWithThousandsOfEntriesIsRefused() throws IOException {
        rejected(HostileFiles.zipWithEntries(2_000), DOCX, 422, "decompression-bomb");
    }

    @Test
    void truncatedPdfIsRefused() throws IOException {
        rejected(HostileFiles.truncated(file("resume-matcher-john-doe.pdf"), 0.3), PDF, 422, "corrupt-document");
    }

    @Test
    void truncatedDocxIsRefused() throws IOException {
        rejected(HostileFiles.truncated(file("sales-row225.docx"), 0.5), DOCX, 422, "corrupt-document");
    }

    @Test
    void pdfSentAsDocxIsRefused() throws IOException {
        rejected(file("sales-row225.pdf"), DOCX, 415, "unsupported-document-type");
    }

    @Test
    void emptyFileIsRefused() {
        rejected(new byte[0], PDF, 422, "empty-document");
    }

    @Test
    void encryptedPdfIsRefused() throws IOException {
        rejected(HostileFiles.encryptedPdf("Secret resume"), PDF, 422, "encrypted-document");
    }

    @Test
    void pdfWithoutTextSaysSo() throws IOException {
        String detail = rejected(HostileFiles.pdfWithoutText(), PDF, 422, "no-extractable-text");
        assertThat(detail).contains("no OCR");
    }

    @Test
    void binaryDataIsRefused() {
        rejected(new byte[] {1, 2, 0, 3, 4, 0, 5}, "application/octet-stream", 415, "unsupported-document-type");
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        rejected("Résumé de José".getBytes(StandardCharsets.ISO_8859_1), "text/plain", 415, "unsupported-document-type");
    }

    @Test
    void oversizeUploadIsRefusedWith413() {
        byte[] big = "x".repeat(2 * 1024 * 1024 + 10).getBytes(StandardCharsets.UTF_8);
        rejected(big, "text/plain", 413, "document-too-large");
    }

    @Test
    void unsupportedContentTypeIsRefusedWith415() {
        upload(new byte[] {1, 2, 3}, "image/png").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void serviceStaysHealthyAfterHostileUploads() throws IOException {
        rejected(HostileFiles.paddedDocx(file("hr-row40.docx"), 40L << 20), DOCX, 422, "decompression-bomb");
        rejected(HostileFiles.truncated(file("awesome-cv-resume.pdf"), 0.5), PDF, 422, null);
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        upload(HostileFiles.pdfWithText("Healthy after " + UUID.randomUUID()), PDF).then().statusCode(201);
    }

    private static String rejected(byte[] body, String contentType, int status, String code) {
        var response = upload(body, contentType).then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", notNullValue());
        if (code != null) {
            response.body("type", org.hamcrest.Matchers.endsWith("/" + code));
        }
        return response.extract().path("detail");
    }

    private static io.restassured.response.Response upload(byte[] body, String contentType) {
        return given().contentType(contentType).body(body).when().post("/api/v1/documents");
    }

    private static JsonPath uploadAndRead(byte[] body, String contentType) {
        String id = upload(body, contentType).then().statusCode(equalToAny(200, 201))
                .body("id", notNullValue())
                .extract().path("id");
        return given().get("/api/v1/documents/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static org.hamcrest.Matcher<Integer> equalToAny(int a, int b) {
        return org.hamcrest.Matchers.anyOf(equalTo(a), equalTo(b));
    }

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(ResumeDataset.dataDir().resolve("files").resolve(name));
    }

    /** The text of a row of the resume CSV, by its row index (as the derived files are named). */
    private static String csvRow(int row) {
        return ResumeDataset.rawRow(row);
    }

    /** Share of the distinct words of {@code expected} found in {@code actual}. */
    private static double wordRecall(String expected, String actual) {
        Set<String> want = words(expected);
        Set<String> got = words(actual);
        return want.stream().filter(got::contains).count() / (double) want.size();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() > 2)
                .collect(Collectors.toSet());
    }
}
