package dev.shortlist.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged application (target/quarkus-app) run as a separate process, as in
 * production, against the test database and Redis: for tests that must kill it.
 */
public final class PackagedApp implements AutoCloseable {

    private final Map<String, String> environment;
    private final List<String> jvmArguments;
    private final Path log;
    private final int port;
    private Process process;

    public PackagedApp(Map<String, String> settings) throws IOException {
        this(settings, List.of());
    }

    /** With JVM arguments too, for settings no environment variable can name (quoted keys). */
    public PackagedApp(Map<String, String> settings, List<String> jvmArguments) throws IOException {
        this.jvmArguments = List.copyOf(jvmArguments);
        this.port = freePort();
        this.log = Files.createTempFile("shortlist-app-", ".log");
        String database = System.getenv().getOrDefault("SHORTLIST_TEST_DB", "shortlist_test");
        String redisDb = System.getenv().getOrDefault("SHORTLIST_TEST_REDIS_DB", "1");
        environment = new HashMap<>();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", "vertx-reactive:postgresql://127.0.0.1:55432/" + database);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/" + database);
        environment.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:56379/" + redisDb);
        environment.putAll(settings);
    }

    /**
     * Settings for an application whose model is the stub: the cache off (every run submits
     * the same inputs, and results cached by an earlier run would finish them at once), the
     * rate limits off (they are not under test), {@code adminKey} as its admin key.
     * {@code stubKey} is the API key the stub expects.
     */
    public static Map<String, String> againstStub(LlmStubServer stub, String stubKey, String adminKey) {
        Map<String, String> settings = new HashMap<>();
        settings.put("SHORTLIST_LLM_PROVIDER", "openai");
        settings.put("SHORTLIST_LLM_OPENAI_BASE_URL", stub.baseUrl());
        settings.put("SHORTLIST_LLM_OPENAI_API_KEY", stubKey);
        settings.put("SHORTLIST_LLM_OPENAI_MODEL", "stub-model-1");
        settings.put("SHORTLIST_CACHE_ENABLED", "false");
        settings.put("SHORTLIST_LIMITS_ENABLED", "false");
        settings.put("SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY", adminKey);
        return settings;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Starts the process and waits until it is ready. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmArguments);
        command.addAll(List.of("-jar", System.getProperty("shortlist.app.jar")));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited at start; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the application did not become ready; see " + log);
    }

    /** kill -9: no shutdown hook, no drain, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator stops a pod: the service drains; returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end (after {@link #terminate()}). */
    public boolean awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public boolean alive() {
        return process != null && process.isAlive();

    }

    /** SIGTERM, then waits for the drain to end; returns the exit code. */
    public int terminateAndWait() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
