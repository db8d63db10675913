package dev.shortlist.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.platform.quota.LlmQuota;
import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each provider profile sends the request its provider documents, and reads its answer:
 * the structured-output form (OpenAI and Azure: {@code json_schema} with {@code strict};
 * Gemini and Ollama, whose OpenAI-compatible endpoints take a schema but no strict flag:
 * {@code json_schema}; Groq, strict on a few models only: {@code json_object} with the schema
 * in the prompt), the key ({@code Authorization: Bearer}, Azure's {@code api-key}, none for a
 * local Ollama) and Azure's deployment path with its {@code api-version}. Each profile is
 * the service's own provider, built from its own configuration, against the stub model.
 */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
class ProviderProfilesTest {

    private static final String KEY = LlmStubResource.API_KEY;

    @Inject
    LlmQuota quota;

    @Inject
    LlmMetrics metrics;

    @Inject
    Prompts prompts;

    @Inject
    ObjectMapper json;

    @Inject
    CpuPool cpu;

    @Inject
    Clock clock;

    private LlmStubServer stub;

    @BeforeEach
    void freshStub() {
        stub = LlmStubResource.freshStub();
    }

    @Test
    void openAiGetsAStrictSchemaAndABearerKey() {
        LlmStubServer.Received request = ask(Map.of("profile", "openai", "api-key", KEY));

        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.query()).isNull();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("api-key")).isNull();
        assertStrictSchema(request.body());
    }

    @Test
    void azureOnADeploymentUrlGetsItsApiVersionTheKeyAsApiKeyAndAStrictSchema() {
        String deployment = stub.baseUrl().replace("/v1", "/openai/deployments/shortlist-gpt");
        LlmStubServer.Received request = ask(Map.of("profile", "azure-openai", "api-key", KEY, "base-url", deployment,
                "api-version", "2024-10-21"));

        assertThat(request.path()).isEqualTo("/openai/deployments/shortlist-gpt/chat/completions");
        assertThat(request.query()).isEqualTo("api-version=2024-10-21");
        assertThat(request.header("api-key")).isEqualTo(KEY);
        assertThat(request.header("Authorization")).isNull();
        assertStrictSchema(request.body());
    }

    @Test
    void azureOnItsV1ApiNeedsNoApiVersion() {
        LlmStubServer.Received request = ask(Map.of("profile", "azure-openai", "api-key", KEY,
                "base-url", stub.baseUrl().replace("/v1", "/openai/v1")));

        assertThat(request.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(request.query()).isNull();
        assertThat(request.header("api-key")).isEqualTo(KEY);
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void groqGetsJsonModeWithTheSchemaInThePrompt() {
        LlmStubServer.Received request = ask(Map.of("profile", "groq", "api-key", KEY));

        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode format = request.body().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_object");
        assertThat(format.has("json_schema")).isFalse();
        String system = request.body().path("messages").path(0).path("content").asText();
        assertThat(system).contains("JSON").contains("\"recommendation\"");
    }

    @Test
    void geminiGetsTheSchemaWithoutTheStrictFlag() {
        LlmStubServer.Received request = ask(Map.of("profile", "gemini", "api-key", KEY));

        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertPlainSchema(request.body());
    }

    @Test
    void aLocalOllamaGetsTheSchemaWithoutTheStrictFlagAndNoKey() {
        // A local Ollama takes no key: the stub asks for none either.
        stub.options(LlmStubServer.Options.defaults());
        LlmStubServer.Received request = ask(Map.of("profile", "ollama"));

        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("api-key")).isNull();
        assertPlainSchema(request.body());
    }

    private static void assertStrictSchema(JsonNode body) {
        assertSchema(body, true);
    }

    private static void assertPlainSchema(JsonNode body) {
        assertSchema(body, false);
    }

    /** The score-v1 schema as structured output, with the strict flag or without it (OpenAiProviderTest checks its strict form). */
    private static void assertSchema(JsonNode body, boolean strict) {
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("score-v1");
        assertThat(format.path("json_schema").has("strict")).isEqualTo(strict);
        assertThat(format.path("json_schema").path("strict").asBoolean(false)).isEqualTo(strict);
        assertThat(format.path("json_schema").path("schema").path("properties").has("score")).isTrue();
    }

    /**
     * Scores a resume through the provider the given {@code shortlist.llm.openai.*} settings
     * make, and answers the one request the stub received; the stub's answer came back as the
     * result.
     */
    private LlmStubServer.Received ask(Map<String, String> openai) {
        Map<String, String> properties = new HashMap<>();
        properties.put("shortlist.llm.provider", "openai");
        properties.put("shortlist.llm.openai.base-url", stub.baseUrl());
        properties.put("shortlist.llm.openai.model", LlmStubResource.MODEL);
        openai.forEach((key, value) -> properties.put("shortlist.llm.openai." + key, value));
        LlmConfig config = new SmallRyeConfigBuilder().withMapping(LlmConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "provider profile", 500))
                .build().getConfigMapping(LlmConfig.class);
        OpenAiProvider provider = new OpenAiProvider(new ModelCalls(new OpenAiEndpoint(config, json, clock), quota, metrics, config),
                prompts, json, config, cpu);
        // The profile's small quota (three calls in two seconds) free, so the call is made at once.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Long recent = quota.usage().await().atMost(Duration.ofSeconds(5)).requestsThisMinute();
            return recent != null && recent == 0;
        });

        Completion completion = provider.complete(new LlmRequest("score", "score-v1", Map.of(
                        "resume", "Backend Engineer\n- Built Java services on PostgreSQL",
                        "jobDescription", JobDescriptions.JAVA_DEVELOPER)))
                .await().atMost(Duration.ofSeconds(20));

        assertThat(completion.output().path("score").asInt()).isEqualTo(82);
        assertThat(completion.model()).isEqualTo(LlmStubResource.MODEL);
        List<LlmStubServer.Received> received = stub.received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).status()).isEqualTo(200);
        return received.get(0);
    }
}
