package dev.shortlist.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/**
 * A server process of a test's own on a free loopback port, that the test may stop and
 * start again on the same port without disturbing the shared servers other tests use.
 */
abstract class LoopbackServer {

    private static final Duration START_OR_STOP = Duration.ofSeconds(15);

    private final int port = freePort();
    private volatile Process process;
    private boolean stoppedOnExit;

    public int port() {
        return port;
    }

    /** Starts the process that listens on {@link #port()}. */
    protected abstract Process launch() throws IOException;

    /** What the server is, and where to look when it does not start. */
    protected abstract String description();

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + description(), e);
        }
        if (!stoppedOnExit) {
            // Tests share one instance and may leave it running; it must not outlive the test run.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Process running = process;
                if (running != null) {
                    running.destroy();
                }
            }));
            stoppedOnExit = true;
        }
        awaitListening(true);
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
        awaitListening(false);
    }

    /** Polls the port until the server listens (or no longer does); a process that exits meanwhile fails at once. */
    private void awaitListening(boolean listening) {
        Instant deadline = Instant.now().plus(START_OR_STOP);
        while (Instant.now().isBefore(deadline)) {
            if (accepts() == listening) {
                return;
            }
            if (listening && !process.isAlive()) {
                throw new IllegalStateException(description() + " exited before it listened on port " + port);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(description() + " on port " + port + " did not " + (listening ? "start" : "stop"));
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
