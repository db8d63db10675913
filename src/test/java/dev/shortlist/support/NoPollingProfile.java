package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The pipeline with its fallback poll an hour apart: any job it runs soon was woken by a submit or a NOTIFY. */
public class NoPollingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("shortlist.pipeline.poll-interval", "1h");
    }
}
