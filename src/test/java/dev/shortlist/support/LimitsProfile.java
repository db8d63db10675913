package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A Redis of the test's own (which it may stop), the production limit on failed
 * authentication and client addresses taken from X-Forwarded-For, for the tests of limits
 * and quotas. The per-key limits come from the
 * keys those tests create.
 */
public class LimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("shortlist.limits.failed-authentications-per-minute", "10",
                // Each test may then act as its own client address, as a proxy would report it.
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnRedisResource.class));
    }
}
