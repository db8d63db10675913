package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A replica sized by the one knob for 256 jobs at once, with one size set by hand below it,
 * and admission control at two requests in flight so a test can reach the bound.
 */
public class SizedForLoadProfile implements QuarkusTestProfile {

    public static final int CONCURRENCY = 256;
    public static final int EXPLICIT_MODEL_CONNECTIONS = 32;
    public static final int MAX_IN_FLIGHT = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "shortlist.pipeline.concurrency", String.valueOf(CONCURRENCY),
                "shortlist.llm.openai.max-connections", String.valueOf(EXPLICIT_MODEL_CONNECTIONS),
                "shortlist.admission.max-in-flight", String.valueOf(MAX_IN_FLIGHT));
    }
}
