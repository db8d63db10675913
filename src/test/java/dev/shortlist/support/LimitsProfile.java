package dev.shortlist.support;

import java.util.Map;

/**
 * Production-like limits for the tests of limits: a Redis of the test's own (so it can be
 * stopped), a low brute-force limit, a low hourly upload limit per client address, and
 * client addresses taken from X-Forwarded-For as behind a trusted proxy (the tests' own
 * loopback address), so each test can be its own client.
 */
public class LimitsProfile extends OwnRedisProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "shortlist.limits.auth-failures-per-minute", "5",
                // Per-address windows are configured, not per key: uploads get a low one to test.
                "shortlist.limits.address.upload-per-hour", "3",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
}
