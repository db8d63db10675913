package dev.shortlist.api;

import static dev.shortlist.support.Jobs.scoreRequest;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.support.Jobs;
import dev.shortlist.support.SizedForLoadProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Past its bound of requests under way, a replica refuses at once with 503 and Retry-After, and recovers. */
@QuarkusTest
@TestProfile(SizedForLoadProfile.class)
class AdmissionTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void pastTheBoundARequestIsRefusedWithRetryAfterAndServedAgainOnceTheOthersEnd() throws Exception {
        String id = Jobs.submit(scoreRequest("Java developer, submitted before the rush", "Java and Spring"));

        // Uploads whose bodies arrive slowly hold the replica's two slots until their sockets close.
        try (Socket first = slowUpload(); Socket second = slowUpload()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/jobs")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://shortlist.dev/problems/overloaded"))
                    .body("status", equalTo(503)));

            // A long poll only waits: it is not refused with the rest.
            given().header("Prefer", "wait=1").get("/api/v1/jobs/{id}", id).then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/jobs").then().statusCode(200));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("shortlist_admission_refusals_total"));
    }

    /** Sends an upload's headers and the first bytes of a body announced far longer, then leaves it open. */
    private Socket slowUpload() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/documents HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 100000\r\n\r\nJane Doe, Java developer").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
