package dev.shortlist.documents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.shortlist.support.FixtureDocuments;
import dev.shortlist.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
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
        String source = Fixtures.longest("java-developer").text();
        byte[] pdf = FixtureDocuments.pdf(source, 14);
        JsonPath document = uploadAndRead(pdf, PDF);

        assertThat(document.getString("mediaType")).isEqualTo(PDF);
        assertThat(document.getInt("pages")).isGreaterThan(1).isEqualTo(pagesOf(pdf));
        assertThat(wordRecall(source, document.getString("text"))).isGreaterThan(0.95);
    }

    @Test
    void docxResumeUploadsWithItsText() {
        String source = Fixtures.resumes("hr").get(0).text();
        JsonPath document = uploadAndRead(FixtureDocuments.docx(source), DOCX);

        assertThat(document.getString("mediaType")).isEqualTo(DOCX);
        assertThat(wordRecall(source, document.getString("text"))).isGreaterThan(0.95);
    }

    @Test
    void docxTableLayoutIsReadFromItsCellsInReadingOrder() {
        List<String> lines = Fixtures.resumes("java-developer").get(0).text().lines().filter(line -> !line.isBlank()).toList();
        int skills = lines.indexOf("SKILLS");
        List<String> left = lines.subList(skills, lines.size());
        List<String> right = lines.subList(1, skills);
        String closing = "References on request " + UUID.randomUUID();

        String text = uploadAndRead(FixtureDocuments.tableDocx(lines.get(0), left, right, closing), DOCX).getString("text");

        List<String> readingOrder = new ArrayList<>();
        readingOrder.add(lines.get(0));
        readingOrder.addAll(left);
        readingOrder.addAll(right);
        readingOrder.add(closing);
        assertInOrder(text, readingOrder);
    }

    @Test
    void twoColumnPdfIsReadColumnByColumn() {
        List<String> left = List.of("CONTACT", "ana.silva@example.com", "SKILLS", "Java, Spring Boot", "PostgreSQL, Kafka",
                "LANGUAGES", "Portuguese, English");
        List<String> right = List.of("EXPERIENCE", "Backend Developer, Tejo Software, 2019 - 2024",
                "Built the payments API in Java and Spring Boot", "Moved reporting to PostgreSQL",
                "EDUCATION", "MSc Computer Science, University of Lisbon, 2019");

        String text = uploadAndRead(FixtureDocuments.twoColumnPdf(left, right), PDF).getString("text");

        assertThat(text.lines().map(String::strip).toList()).as("no line mixes the columns")
                .containsAll(left).containsAll(right);
        assertInOrder(text, Stream.concat(left.stream(), right.stream()).toList());
    }

    @Test
    void pdfWithAnEmbeddedFontKeepsAccentsAndUnfoldsLigatures() {
        String source = """
                Zoë Łukasiewicz-Dvořák — Financial Analyst
                • Certified ﬁnancial planner; ran the “ﬂoor” reconciliation for €1.2M a day
                → Café chain budgets, naïve Bayes forecasts, Škoda fleet costs
                """;

        String text = uploadAndRead(FixtureDocuments.pdf(source, 11), PDF).getString("text");

        assertThat(text).contains("Zoë Łukasiewicz-Dvořák", "financial planner", "“floor”", "€1.2M", "Café", "naïve",
                "Škoda");
    }

    @Test
    void everyFieldsResumeUploadsWithItsTextAsPdfAndAsDocx() {
        for (String field : Fixtures.fields()) {
            for (Fixtures.Resume resume : Fixtures.resumes(field)) {
                String pdfText = uploadAndRead(FixtureDocuments.pdf(resume.text(), 10), PDF).getString("text");
                String docxText = uploadAndRead(FixtureDocuments.docx(resume.text()), DOCX).getString("text");

                assertThat(wordRecall(resume.text(), pdfText)).as("%s/%s as PDF", field, resume.name()).isGreaterThan(0.95);
                assertThat(wordRecall(resume.text(), docxText)).as("%s/%s as DOCX", field, resume.name()).isGreaterThan(0.95);
            }
        }
    }

    @Test
    void multipartUploadWorksToo() {
        given().multiPart("file", "cv.pdf", FixtureDocuments.pdf(Fixtures.resumes("sales").get(0).text(), 11), PDF)
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
        rejected(HostileFiles.paddedDocx(docx("sales"), 50L << 20), DOCX, 422, "decompression-bomb");
    }

    @Test
    void zipWithThousandsOfEntriesIsRefused() throws IOException {
        rejected(HostileFiles.zipWithEntries(2_000), DOCX, 422, "decompression-bomb");
    }

    @Test
    void truncatedPdfIsRefused() throws IOException {
        rejected(HostileFiles.truncated(pdf("chef"), 0.3), PDF, 422, "corrupt-document");
    }

    @Test
    void truncatedDocxIsRefused() throws IOException {
        rejected(HostileFiles.truncated(docx("sales"), 0.5), DOCX, 422, "corrupt-document");
    }

    @Test
    void pdfSentAsDocxIsRefused() throws IOException {
        rejected(pdf("sales"), DOCX, 415, "unsupported-document-type");
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
        assertThat(detail).contains("read by OCR", "none of its words could be read");
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
        rejected(HostileFiles.paddedDocx(docx("hr"), 40L << 20), DOCX, 422, "decompression-bomb");
        rejected(HostileFiles.truncated(FixtureDocuments.pdf(Fixtures.longest("teacher").text(), 14), 0.5), PDF, 422, null);
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

    /** The first fixture resume of a field as a PDF. */
    private static byte[] pdf(String field) {
        return FixtureDocuments.pdf(Fixtures.resumes(field).get(0).text(), 11);
    }

    /** The first fixture resume of a field as a DOCX. */
    private static byte[] docx(String field) {
        return FixtureDocuments.docx(Fixtures.resumes(field).get(0).text());
    }

    private static int pagesOf(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    /** Each line appears in the text (spaces collapsed, as uploads are normalised), after the one before it. */
    private static void assertInOrder(String text, List<String> lines) {
        int at = -1;
        for (String line : lines) {
            int found = text.indexOf(line.strip().replaceAll("\\s+", " "), at + 1);
            assertThat(found).as("\"%s\" after the line before it", line).isGreaterThan(at);
            at = found;
        }
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
