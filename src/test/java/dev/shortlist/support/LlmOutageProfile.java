package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service on the stub model with no local fallback and no quota, and every wait of the
 * fault-tolerance chain scaled down (call timeout, retry delays, circuit-breaker delay, the
 * jobs' waits for the model) so an outage of a few seconds plays out as a long one would.
 * Set {@code -Dshortlist.test.breaker-delay-ms} to stretch them.
 */
public class LlmOutageProfile implements QuarkusTestProfile {

    /** The circuit breaker's open time; the jobs' longest wait for the model matches it. */
    public static final long BREAKER_DELAY_MS = Long.getLong("shortlist.test.breaker-delay-ms", 1000);

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LlmStubResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String endpoint = LlmStubProfile.ENDPOINT;
        String calls = LlmStubProfile.CALLS;
        return Map.ofEntries(
                Map.entry("shortlist.llm.fallback", "none"),
                Map.entry("shortlist.llm.wait-for-model.initial", "200ms"),
                Map.entry("shortlist.llm.wait-for-model.max", BREAKER_DELAY_MS + "ms"),
                Map.entry(endpoint + "timeout.value", "300"),
                Map.entry(endpoint + "timeout.unit", "millis"),
                Map.entry(calls + "retry.max-retries", "3"),
                Map.entry(calls + "retry.delay", "20"),
                Map.entry(calls + "retry.delay-unit", "millis"),
                Map.entry(endpoint + "circuit-breaker.request-volume-threshold", "10"),
                Map.entry(endpoint + "circuit-breaker.failure-ratio", "0.75"),
                Map.entry(endpoint + "circuit-breaker.delay", String.valueOf(BREAKER_DELAY_MS)),
                Map.entry(endpoint + "circuit-breaker.delay-unit", "millis"));
    }
}
