package dev.shortlist.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the application at a Redis server the test controls (see {@link RedisServer}). */
public class OwnRedisResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        RedisServer.instance().start();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + RedisServer.instance().port() + "/0");
    }

    @Override
    public void stop() {
        RedisServer.instance().stop();
    }
}
