package dev.shortlist.llm;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
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
import dev.shortlist.support.LlmStubServer.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One job type, one result shape, whichever engine answered: the same input scored by the
 * local engine (standing in while the model fails) and by the remote model passes the same
 * validator, the score-v1 result schema.
 */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
class OneResultSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Prompts prompts;

    @Inject
    LlmQuota quota;

    @Test
    void theLocalAndTheRemoteResultOfOneInputFollowTheSameSchema() throws Exception {
        LlmStubServer stub = LlmStubResource.freshStub();
        String resume = """
                Jordan Fay
                Backend Engineer
                Experience
                - Built Spring Boot services in Java 17 on PostgreSQL, 2019 - 2025
                - Ran them on Kubernetes with Docker
                Ref %s
                """.formatted(UUID.randomUUID());
        // Three server errors use up the call's retries: the local engine answers (local answers are not cached).
        // They must all fall in one attempt, so the job starts with the quota's rolling window empty of earlier calls.
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            Long recent = quota.usage().await().atMost(java.time.Duration.ofSeconds(5)).requestsThisMinute();
            return recent != null && recent == 0;
        });
        stub.enqueue(new Status(502), new Status(502), new Status(502));
        JsonPath local = awaitEnd(submit(scoreRequest(resume, JobDescriptions.JAVA_DEVELOPER)));
        JsonPath remote = awaitEnd(submit(scoreRequest(resume, JobDescriptions.JAVA_DEVELOPER)));

        assertThat(local.getString("result.engine")).isEqualTo("local");
        assertThat(remote.getString("result.engine")).isEqualTo("openai");
        ResultSchema schema = prompts.schemaOf("score-v1");
        JsonNode localResult = JSON.readTree(JSON.writeValueAsString(local.getMap("result")));
        JsonNode remoteResult = JSON.readTree(JSON.writeValueAsString(remote.getMap("result")));
        assertThat(schema.violations(localResult)).isEmpty();
        assertThat(schema.violations(remoteResult)).isEmpty();
        assertThat(localResult.path("evidence").get(0).path("quote").asText()).isNotBlank();
        assertThat(localResult.path("flags").has("droppedEvidence")).as("the local engine quotes the resume verbatim").isFalse();
        // The documented fields are there in both.
        for (String field : new String[] {"score", "recommendation", "components", "matchedSkills", "missingSkills",
                "evidence", "strengths", "gaps", "summary", "engine", "model", "promptVersion", "flags"}) {
            assertThat(localResult.has(field)).as("local " + field).isTrue();
            assertThat(remoteResult.has(field)).as("remote " + field).isTrue();
        }
    }

    @Test
    void aResultInAnotherShapeBreaksTheSchemaWithAMessageNamingTheField() throws Exception {
        JsonNode legacy = JSON.readTree("""
                {"score": 80, "recommendation": "shortlist", "matchedSkills": [], "missingSkills": [],
                 "evidence": ["Built services in Java"], "summary": "", "engine": "openai", "model": "m",
                 "promptVersion": "score-v1", "flags": {"promptInjection": false}}
                """);

        assertThat(prompts.schemaOf("score-v1").violations(legacy)).containsExactly("$.evidence[0] must be an object");
    }
}
