package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service on the OpenAI-compatible provider against the stub model, with a Redis the
 * test may stop, fault-tolerance waits cut to milliseconds, a global quota of three calls
 * in any two-second window, and the local engine as fallback as soon as the model is
 * unavailable. The profile of the tests of the remote model path (outages have their own,
 * {@link LlmOutageProfile}, without fallback).
 */
public class LlmStubProfile implements QuarkusTestProfile {

    static final String ENDPOINT = "quarkus.fault-tolerance.\"dev.shortlist.llm.OpenAiEndpoint/exchange\".";
    static final String CALLS = "quarkus.fault-tolerance.\"dev.shortlist.llm.ModelCalls/call\".";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnRedisResource.class), new TestResourceEntry(LlmStubResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("shortlist.llm.fallback", "local"),
                Map.entry("shortlist.llm.fallback-after", "0s"),
                // A quota small enough for a test to exhaust, in windows short enough to wait out.
                Map.entry("shortlist.llm.quota.requests-per-minute", "3"),
                Map.entry("shortlist.llm.quota.minute", "2s"),
                Map.entry("shortlist.llm.quota.window-margin", "300ms"),
                Map.entry("shortlist.llm.openai.prices.\"" + LlmStubResource.MODEL + "\".input", "2.50"),
                Map.entry("shortlist.llm.openai.prices.\"" + LlmStubResource.MODEL + "\".output", "10.00"),
                Map.entry(ENDPOINT + "timeout.value", "2000"),
                Map.entry(ENDPOINT + "timeout.unit", "millis"),
                Map.entry(CALLS + "retry.max-retries", "2"),
                Map.entry(CALLS + "retry.delay", "10"),
                Map.entry(CALLS + "retry.delay-unit", "millis"),
                Map.entry(ENDPOINT + "circuit-breaker.request-volume-threshold", "6"),
                Map.entry(ENDPOINT + "circuit-breaker.failure-ratio", "1.0"),
                Map.entry(ENDPOINT + "circuit-breaker.delay", "60"),
                Map.entry(ENDPOINT + "circuit-breaker.delay-unit", "seconds"));
    }
}
