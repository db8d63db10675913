package dev.shortlist.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Redis server of a test's own, on a free port, that the test may stop and start
 * again without disturbing the shared one other tests use.
 */
public final class RedisServer extends LoopbackServer {

    private static final RedisServer INSTANCE = new RedisServer();

    private RedisServer() {
    }

    public static RedisServer instance() {
        return INSTANCE;
    }

    @Override
    protected Process launch() throws IOException {
        Path dir = Files.createTempDirectory("shortlist-redis");
        return new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(port()),
                "--save", "", "--appendonly", "no",
                // DEBUG SLEEP makes Redis answer slowly on purpose (fault tests); loopback only.
                "--enable-debug-command", "local", "--dir", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
    }

    @Override
    protected String description() {
        return "redis-server (run scripts/services.sh start first)";
    }
}
