package dev.shortlist.notifications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.SmtpSink;
import dev.shortlist.support.SmtpSinkProfile;
import dev.shortlist.support.SmtpSinkResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The email a recruiter gets when a batch completes, as a real SMTP server receives it:
 * once per address, with the counts, the best candidates and a link; held back while the
 * server is down and sent when it is back; an address the server refuses is given up.
 */
@QuarkusTest
@TestProfile(SmtpSinkProfile.class)
class BatchEmailTest {

    private static final String STRONG = """
            Java developer, 6 years. Spring Boot and Spring MVC microservices, Hibernate/JPA on PostgreSQL and
            Oracle, REST APIs, Maven, Git, JUnit, Jenkins, Kafka and Docker on AWS in Agile Scrum teams.
            """;
    private static final String WEAK = "Line cook. Grill station, food safety, kitchen cleaning. ";

    private final SmtpSink smtp = SmtpSink.instance();

    @AfterEach
    void mailServerIsBack() {
        smtp.start();
    }

    @Test
    void aCompletedBatchEmailsEachAddressOnceWithItsCountsAndTopCandidates() {
        String recruiter = address("recruiter");
        String manager = address("manager");
        String batch = submit(List.of(recruiter, manager), List.of(
                resume("<i>ada</i>", STRONG), resume("c-2", WEAK + UUID.randomUUID()), resume("c-3", WEAK + UUID.randomUUID())));

        awaitStatus(batch, "sent", "sent");

        JsonPath shortlist = given().get("/api/v1/batches/" + batch + "/shortlist").then().statusCode(200).extract().jsonPath();
        assertThat(shortlist.getString("items[0].externalId")).as("the strongest resume ranks first").isEqualTo("<i>ada</i>");
        int topScore = shortlist.getInt("items[0].score");
        for (String to : List.of(recruiter, manager)) {
            List<SmtpSink.Message> received = smtp.messagesTo(to);
            assertThat(received).as("one email per address").hasSize(1);
            SmtpSink.Message email = received.get(0);
            assertThat(email.rcptTos()).containsExactly(to);
            assertThat(email.header("To")).isEqualTo(to);
            assertThat(email.header("From")).isEqualTo("Shortlist <shortlist@example.com>");
            assertThat(email.subject()).isEqualTo("Shortlist ready: Java Developer (3 succeeded, 0 failed, 0 cancelled)");
            assertThat(email.text())
                    .contains("Succeeded:  3", "Failed:     0", "Cancelled:  0", "Batch id:   " + batch)
                    .contains("1. <i>ada</i>: score " + topScore + ", " + shortlist.getString("items[0].recommendation"))
                    .as("top-candidates is 2 in this profile").contains("  2. ").doesNotContain("  3. ")
                    .contains(SmtpSinkResource.PUBLIC_BASE_URL + "/#/batches/" + batch);
            assertThat(email.html())
                    .as("caller-supplied ids are escaped in HTML").contains("&lt;i&gt;ada&lt;/i&gt;").doesNotContain("<i>ada")
                    .contains("<td style=\"padding: 4px 12px 4px 0; text-align: right;\">" + topScore + "</td>")
                    .contains("href=\"" + SmtpSinkResource.PUBLIC_BASE_URL + "/#/batches/" + batch + "\"");
        }
        assertThat(smtp.messagesTo(recruiter).get(0).header("Message-ID"))
                .as("each address's email has its own id").isNotEqualTo(smtp.messagesTo(manager).get(0).header("Message-ID"));
    }

    @Test
    void anEmailWaitsWhileTheMailServerIsDownAndArrivesWhenItIsBack() {
        String recruiter = address("patient");
        smtp.stop();
        String batch = submit(List.of(recruiter), List.of(resume("c-1", WEAK + UUID.randomUUID())));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/batches/" + batch + "/emails")
                .then().statusCode(200)
                .body("[0].status", equalTo("pending"))
                .body("[0].lastError", containsString("onnect")));
        assertThat(smtp.messagesTo(recruiter)).isEmpty();

        smtp.start();
        awaitStatus(batch, "sent");
        List<SmtpSink.Message> received = smtp.messagesTo(recruiter);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).subject()).endsWith("(1 succeeded, 0 failed, 0 cancelled)");
    }

    @Test
    void anAddressTheServerRefusesIsGivenUpAndTheOthersStillGetTheirEmail() {
        String recruiter = address("colleague");
        String batch = submit(List.of(SmtpSink.REFUSED, recruiter), List.of(resume("c-1", WEAK + UUID.randomUUID())));

        awaitStatus(batch, "failed", "sent");
        given().get("/api/v1/batches/" + batch + "/emails").then()
                .body("[0].recipient", equalTo(SmtpSink.REFUSED))
                .body("[0].attempts", equalTo(1))
                .body("[0].lastError", containsString("550"));
        assertThat(smtp.messagesTo(recruiter)).hasSize(1);
        assertThat(smtp.messagesTo(SmtpSink.REFUSED)).isEmpty();
    }

    @Test
    void anAddressThatIsNotOneIsRefusedWithItsFieldNamed() {
        for (String bad : List.of("recruiter.example.com", "recruiter@example.com\r\nBcc: all@example.com",
                "Recruiter <recruiter@example.com>", "recruiter@localhost", " ")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("type", "score", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER),
                            "resumes", List.of(resume("c-1", WEAK)),
                            "notify", Map.of("email", List.of("recruiter@example.com", bad))))
                    .post("/api/v1/batches").then().statusCode(422)
                    .contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo("notify.email[1]"));
        }
    }

    @Test
    void anAddressGivenTwiceIsEmailedOnceAndTooManyAddressesAreRefused() {
        String recruiter = address("twice");
        String batch = submit(List.of(recruiter, recruiter.toUpperCase(Locale.ROOT)),
                List.of(resume("c-1", WEAK + UUID.randomUUID())));
        given().get("/api/v1/batches/" + batch + "/emails").then().statusCode(200)
                .body("recipient", equalTo(List.of(recruiter)));

        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> address("team" + i)).toList();
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER),
                        "resumes", List.of(resume("c-1", WEAK)), "notify", Map.of("email", eleven)))
                .post("/api/v1/batches").then().statusCode(422)
                .body("errors[0].field", equalTo("notify.email"))
                .body("errors[0].message", containsString("the limit is 10"));
    }

    @Test
    void aBatchWithoutAddressesHasNoEmailsAndAnUnknownBatchIsNotFound() {
        String batch = submit(List.of(), List.of(resume("c-1", WEAK + UUID.randomUUID())));

        given().get("/api/v1/batches/" + batch + "/emails").then().statusCode(200).body("size()", equalTo(0));
        given().get("/api/v1/batches/" + UUID.randomUUID() + "/emails").then().statusCode(404);
    }

    private static String submit(List<String> emails, List<Map<String, String>> resumes) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "score",
                "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER), "resumes", resumes));
        if (!emails.isEmpty()) {
            body.put("notify", Map.of("email", emails));
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/batches")
                .then().statusCode(202).extract().path("id");
    }

    /** Waits until the batch's emails stand as given, in the order of its addresses. */
    private static void awaitStatus(String batch, String... statuses) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/batches/" + batch + "/emails")
                .then().statusCode(200).body("status", equalTo(List.of(statuses))));
    }

    private static Map<String, String> resume(String externalId, String text) {
        return Map.of("externalId", externalId, "text", text);
    }

    private static String address(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
