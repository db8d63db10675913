package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service with its own pipeline switched off, so a test can act as one or more
 * pipeline instances itself (claiming through the real claim statements) and see each
 * step. Retries come due quickly.
 */
public class PipelineOffProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "shortlist.pipeline.enabled", "false",
                "shortlist.pipeline.owner-running-cap", "2",
                "shortlist.pipeline.retry.initial-delay", "200ms",
                "shortlist.jobs.max-attempts", "3",
                "shortlist.jobs.owner-queued-cap", "300");
    }
}
