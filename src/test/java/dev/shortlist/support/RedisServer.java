package dev.shortlist.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A Redis server of a test's own, on a free port, that the test may stop and start
 * again without disturbing the shared one other tests use.
 */
public final class RedisServer {

    private static final RedisServer INSTANCE = new RedisServer(freePort());

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    public static RedisServer instance() {
        return INSTANCE;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("shortlist-redis");
            process = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(port),
                    "--save", "", "--appendonly", "no",
                    // DEBUG SLEEP makes Redis answer slowly on purpose (fault tests); loopback only.
                    "--enable-debug-command", "local", "--dir", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (run scripts/services.sh start first)", e);
        }
        waitUntil(true);
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        waitUntil(false);
    }

    private void waitUntil(boolean listening) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (accepts() == listening) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("redis on port " + port + " did not " + (listening ? "start" : "stop"));
    }

    private boolean accepts() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
