package dev.shortlist.documents;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import dev.shortlist.support.NoOcrProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** A server without tesseract starts, and refuses scans as having no text, saying OCR is unavailable. */
@QuarkusTest
@TestProfile(NoOcrProfile.class)
class OcrUnavailableTest {

    @Test
    void scansAreRefusedSayingOcrIsUnavailable() {
        byte[] scan = Scans.png(Scans.pages("Scanned resume of Ada Quill").get(0));
        given().contentType("image/png").body(scan).when().post("/api/v1/documents")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/no-extractable-text"))
                .body("detail", containsString("OCR is unavailable on this server (tesseract is not installed)"));
        given().contentType("application/pdf").body(Scans.imagePdf(Scans.pages("Scanned resume of Ada Quill")))
                .when().post("/api/v1/documents")
                .then().statusCode(422).body("detail", containsString("OCR is unavailable"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
