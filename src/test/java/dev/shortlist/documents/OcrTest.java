package dev.shortlist.documents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.support.Fixtures;
import dev.shortlist.support.OcrLimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scanned resumes, images and PDFs without a text layer, read by the real tesseract. */
@QuarkusTest
@TestProfile(OcrLimitsProfile.class)
class OcrTest {

    @Test
    void scannedResumeAsPngIsReadWithItsConfidence() {
        String source = Fixtures.resumes("hr").get(0).text();
        JsonPath document = uploadAndRead(Scans.png(Scans.pages(source).get(0)), "image/png");

        assertThat(document.getString("mediaType")).isEqualTo("image/png");
        assertThat(recall(source, document.getString("text"))).isGreaterThanOrEqualTo(0.95);
        assertThat(document.getInt("ocr.pages")).isEqualTo(1);
        assertThat(document.getInt("ocr.pagesNotRead")).isZero();
        assertThat(document.getDouble("ocr.confidence")).isBetween(0.8, 1.0);
    }

    @Test
    void imageOnlyPdfIsReadPageByPage() {
        String source = Fixtures.resumes("sales").get(0).text();
        JsonPath document = uploadAndRead(Scans.imagePdf(Scans.pages(source)), "application/pdf");

        assertThat(recall(source, document.getString("text"))).isGreaterThanOrEqualTo(0.95);
        assertThat(document.getInt("ocr.pages")).isEqualTo(document.getInt("pages"));
        assertThat(document.getDouble("ocr.confidence")).isBetween(0.8, 1.0);
    }

    @Test
    void pdfPagesWithTextKeepItAndOnlyScannedPagesAreRead() {
        String typed = "Typed cover page " + UUID.randomUUID();
        JsonPath document = uploadAndRead(Scans.pdf(typed, Scans.pages("Scanned references from Harbourside Clinic")),
                "application/pdf");

        String text = document.getString("text");
        assertThat(text).startsWith(typed);
        assertThat(text).contains("Harbourside Clinic");
        assertThat(document.getInt("pages")).isEqualTo(2);
        assertThat(document.getInt("ocr.pages")).isEqualTo(1);
    }

    @Test
    void scannedPagesBeyondTheOcrLimitAreNotReadAndCounted() {
        List<String> pages = List.of("First page names Kestrel", "Second page names Heron", "Third page names Osprey");
        JsonPath document = uploadAndRead(Scans.imagePdf(pages.stream().map(page -> Scans.pages(page).get(0)).toList()),
                "application/pdf");

        assertThat(document.getString("text")).contains("Kestrel", "Heron").doesNotContain("Osprey");
        assertThat(document.getInt("pages")).isEqualTo(3);
        assertThat(document.getInt("ocr.pages")).isEqualTo(2);
        assertThat(document.getInt("ocr.pagesNotRead")).isEqualTo(1);
    }

    @Test
    void jpegAndTiffScansAreReadToo() {
        JsonPath jpeg = uploadAndRead(Scans.jpeg(Scans.pages("Photographed resume of Marisol Quintero").get(0)), "image/jpeg");
        JsonPath tiff = uploadAndRead(Scans.tiff(Scans.pages("Faxed resume of Tobias Lindqvist")), "image/tiff");

        assertThat(jpeg.getString("text")).contains("Marisol Quintero");
        assertThat(jpeg.getString("mediaType")).isEqualTo("image/jpeg");
        assertThat(tiff.getString("text")).contains("Tobias Lindqvist");
        assertThat(tiff.getInt("ocr.pages")).isEqualTo(1);
    }

    @Test
    void bulkUploadSaysWhichFilesWereReadByOcr() {
        byte[] scan = Scans.png(Scans.pages("Bulk scanned resume " + UUID.randomUUID().toString().substring(0, 8)).get(0));
        given().multiPart("files", "scan.png", scan, "image/png")
                .multiPart("files", "typed.txt", ("Typed resume " + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "text/plain")
                .when().post("/api/v1/documents/bulk")
                .then().statusCode(200)
                .body("items[0].status", equalTo("stored"))
                .body("items[0].ocr.pages", equalTo(1))
                .body("items[1].status", equalTo("stored"))
                .body("items[1].ocr", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void tiffWithMorePagesThanTheOcrLimitIsRefused() {
        byte[] tiff = Scans.tiff(List.of("One", "Two", "Three").stream().map(page -> Scans.pages(page).get(0)).toList());
        given().contentType("image/tiff").body(tiff).when().post("/api/v1/documents")
                .then().statusCode(422).body("type", endsWith("/too-many-pages"))
                .body("detail", org.hamcrest.Matchers.containsString("more than 2 pages"));
    }

    @Test
    void imageWhoseHeaderClaimsAHugePictureIsRefusedUndecoded() {
        String detail = given().contentType("image/png").body(Scans.pngClaiming(100_000, 100_000))
                .when().post("/api/v1/documents")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/image-too-large"))
                .extract().path("detail");

        assertThat(detail).contains("10,000,000,000 pixels", "50,000,000-pixel limit");
    }

    @Test
    void pngSentAsJpegIsRefused() {
        given().contentType("image/jpeg").body(Scans.pngClaiming(10, 10))
                .when().post("/api/v1/documents")
                .then().statusCode(415).body("type", endsWith("/unsupported-document-type"));
    }

    @Test
    void listingFiltersByImageType() {
        uploadAndRead(Scans.png(Scans.pages("Listing check " + UUID.randomUUID().toString().substring(0, 8)).get(0)), "image/png");
        given().queryParam("contentType", "image/png").get("/api/v1/documents")
                .then().statusCode(200).body("items.mediaType.unique()", equalTo(List.of("image/png")));
    }

    private static JsonPath uploadAndRead(byte[] body, String contentType) {
        String id = given().contentType(contentType).body(body).when().post("/api/v1/documents")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)))
                .extract().path("id");
        return given().get("/api/v1/documents/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    /** Share of the distinct words of four letters or more of {@code expected} that are in {@code actual}, case aside. */
    private static double recall(String expected, String actual) {
        Set<String> read = longWords(actual);
        Set<String> wanted = longWords(expected);
        Set<String> missed = wanted.stream().filter(word -> !read.contains(word)).collect(Collectors.toSet());
        assertThat(missed).as("words not read back (of %d)", wanted.size()).hasSizeLessThanOrEqualTo(wanted.size() / 20);
        return 1 - missed.size() / (double) wanted.size();
    }

    private static Set<String> longWords(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= 4)
                .collect(Collectors.toSet());
    }
}
