package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A test profile whose Redis the test may stop and restart. */
public class OwnRedisProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnRedisResource.class));
    }
}
