package dev.shortlist.support;

import java.util.Map;

/**
 * Production-like limits for the tests of limits: a Redis of the test's own (so it can be
 * stopped), a low brute-force limit, and client addresses taken from X-Forwarded-For as
 * behind a proxy, so each test can be its own client.
 */
public class LimitsProfile extends OwnRedisProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "shortlist.limits.auth-failures-per-minute", "5",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true");
    }
}
