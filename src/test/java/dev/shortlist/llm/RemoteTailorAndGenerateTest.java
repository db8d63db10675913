package dev.shortlist.llm;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.platform.quota.LlmQuota;
import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import dev.shortlist.support.LlmStubServer.ResumeSchemaViolation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tailored and generated resumes from the remote model reach the user through the same
 * result schemas as the local engine's (tailor-v1, generate-v1), and a model answer that
 * breaks its schema is repaired once or fails the job with the reason.
 */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
class RemoteTailorAndGenerateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LlmQuota quota;

    @Inject
    Prompts prompts;

    private LlmStubServer stub;

    /** A fresh stub and the profile's small quota (three calls in two seconds) free: each test counts its calls. */
    @BeforeEach
    void freshStub() {
        stub = LlmStubResource.freshStub();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Long recent = quota.usage().await().atMost(Duration.ofSeconds(5)).requestsThisMinute();
            return recent != null && recent == 0;
        });
    }

    @Test
    void aTailorJobAnsweredByTheModelGivesTheUserTheModelsTailoredResume() throws Exception {
        JsonPath job = awaitEnd(submit(tailorRequest()));

        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getString("result.engine")).isEqualTo("openai");
        assertThat(job.getString("result.model")).isEqualTo(LlmStubResource.MODEL);
        assertThat(job.getString("result.promptVersion")).isEqualTo("tailor-v1");
        assertThat(job.getString("result.resumeMarkdown")).isEqualTo("# Backend Engineer\n\n## Experience\n- Backend Engineer\n");
        assertThat(job.getList("result.changes")).containsExactly("Moved the Java work to the top");
        assertThat(job.getInt("result.atsScoreBefore")).isEqualTo(64);
        assertThat(job.getInt("result.atsScoreAfter")).isEqualTo(79);
        assertThat(prompts.schemaOf("tailor-v1").violations(result(job))).isEmpty();
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void aGenerateJobAnsweredByTheModelGivesTheUserTheModelsResume() throws Exception {
        Map<String, Object> profile = Map.of("name", "Ada Park", "skills", List.of("Java", "PostgreSQL"),
                "experience", List.of(Map.of("title", "Engineer", "company", "Hooli", "start", "2020",
                        "highlights", List.of("Moved billing to Java, ref " + UUID.randomUUID()))));
        JsonPath job = awaitEnd(submit(Map.of("type", "generate", "profile", profile,
                "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER))));

        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getString("result.engine")).isEqualTo("openai");
        assertThat(job.getString("result.promptVersion")).isEqualTo("generate-v1");
        assertThat(job.getString("result.resumeMarkdown")).startsWith("# Backend Engineer");
        assertThat(job.getList("result.matchedSkills")).containsExactly("java", "postgresql");
        assertThat(job.getInt("result.atsScore")).isEqualTo(74);
        assertThat(prompts.schemaOf("generate-v1").violations(result(job))).isEmpty();
        assertThat(stub.received().get(0).body().path("response_format").path("json_schema").path("name").asText())
                .isEqualTo("generate-v1");
    }

    @Test
    void aTailoredResumeThatBreaksTheSchemaIsRepairedWithOneMoreCall() {
        stub.enqueue(new ResumeSchemaViolation());

        JsonPath job = awaitEnd(submit(tailorRequest()));

        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getString("result.engine")).isEqualTo("openai");
        assertThat(stub.received()).hasSize(2);
        JsonNode repair = stub.received().get(1).body().path("messages");
        assertThat(repair.get(repair.size() - 1).path("content").asText()).startsWith("Your reply could not be used: ");
    }

    @Test
    void aTailoredResumeThatBreaksTheSchemaTwiceFailsTheJobSayingWhy() {
        stub.enqueue(new ResumeSchemaViolation(), new ResumeSchemaViolation());

        JsonPath job = awaitEnd(submit(tailorRequest()));

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error.code")).isEqualTo("invalid_output");
        assertThat(job.getBoolean("error.retryable")).isFalse();
        assertThat(job.getString("error.message")).contains("tailor-v1 schema twice").contains("resumeMarkdown")
                .contains("raw reply");
        assertThat(job.getString("result")).isNull();
        assertThat(stub.received()).hasSize(2);
    }

    private static Map<String, Object> tailorRequest() {
        String resume = "Backend Engineer\n- Built Java services on PostgreSQL\n- Ref " + UUID.randomUUID();
        return Map.of("type", "tailor", "resume", Map.of("text", resume), "jobDescription", Map.of("text", JobDescriptions.JAVA_DEVELOPER));
    }

    private static JsonNode result(JsonPath job) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(job.getMap("result")));
    }
}
