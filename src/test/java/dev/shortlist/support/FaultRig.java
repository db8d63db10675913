package dev.shortlist.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What every fault test needs, all of its own: a PostgreSQL cluster, a Redis, the model
 * stub, and the packaged service pointed at them; a watcher of readiness; a record of
 * every job's endings; and the checks each fault must pass (no accepted job lost or
 * ended twice, every refusal a retryable problem, readiness back soon after).
 *
 * <p>Outages last {@code shortlist.faults.outage} (default 10s, to keep CI short; set
 * {@code -Dshortlist.faults.outage=30s} for full-length outages).
 */
public final class FaultRig implements AutoCloseable {

    public static final String KEY = "sl_fault_test_admin_key";
    /** Submits per second the load generator sends through every fault. */
    public static final int SUBMITS_PER_SECOND = 30;
    /** How soon readiness must follow the database back. */
    public static final Duration READY_AGAIN_WITHIN = Duration.ofSeconds(5);
    /** How long the model takes to answer when healthy. */
    public static final Duration MODEL_LATENCY = Duration.ofMillis(150);

    private final PostgresCluster postgres;
    private final RedisServer redis = RedisServer.instance();
    private volatile LlmStubServer model;
    private final LlmStubServer.Options modelOptions;
    private final Map<String, String> settings;
    private final List<String> jvmArguments;
    private final Path uploads;
    private final List<PackagedApp> apps = new CopyOnWriteArrayList<>();
    private volatile PackagedApp app;
    private ReadinessWatch readiness;

    private FaultRig(PostgresCluster postgres, LlmStubServer.Options modelOptions, Path uploads) {
        this.postgres = postgres;
        this.modelOptions = modelOptions;
        this.model = LlmStubServer.start(modelOptions);
        this.uploads = uploads;
        this.settings = settings();
        this.jvmArguments = List.of(
                // Uploads spool to the temporary folder: the disk-full test fills a small disk mounted there.
                "-Djava.io.tmpdir=" + uploads,
                // A hanging model costs seconds, not the production minute, and its breaker closes soon after it heals.
                "-Dquarkus.fault-tolerance.global.timeout.value=2",
                "-Dquarkus.fault-tolerance.global.timeout.unit=seconds",
                "-Dquarkus.fault-tolerance.global.circuit-breaker.delay=2",
                "-Dquarkus.fault-tolerance.global.circuit-breaker.delay-unit=seconds");
    }

    private static FaultRig shared;

    /**
     * The one rig of this test run, started on first use and shared by every fault test
     * (one cluster, one Redis, one model stub, one service process at a time), so the
     * suite pays for start-ups once. It is torn down when the test JVM exits.
     */
    public static synchronized FaultRig shared() throws Exception {
        if (shared == null) {
            PostgresCluster postgres = PostgresCluster.start();
            RedisServer.instance().start();
            // A fixed port, so the model can be stopped (connections refused) and started again where the service expects it.
            LlmStubServer.Options model = new LlmStubServer.Options(freePort(), MODEL_LATENCY, "sk-faults", 0, 0, 1, 0, 0);
            Path uploads = Files.createTempDirectory("shortlist-fault-tmp-");
            FaultRig rig = new FaultRig(postgres, model, uploads);
            Runtime.getRuntime().addShutdownHook(new Thread(rig::closeQuietly));
            rig.startApp();
            rig.recordEndings();
            rig.warmUp();
            shared = rig;
        }
        return shared;
    }

    /** Where the service spools uploads (its temporary folder), for the disk-full test to mount a small disk on. */
    public Path uploads() {
        return uploads;
    }

    /**
     * A few hundred jobs before any fault, so the first test meets a warmed-up service
     * rather than one still compiling its hot paths.
     */
    private void warmUp() throws Exception {
        try (SteadyLoad load = new SteadyLoad(() -> app.baseUrl(), KEY, SUBMITS_PER_SECOND / 2)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> load.accepted().size() >= 150);
            load.close();
            awaitEndings(load.accepted(), Duration.ofSeconds(120));
        }
        note("warmed up");
    }

    /** A line with the time in the test output, so a slow or failed run shows where time went. */
    public static void note(String what) {
        System.out.printf("[faults %s] %s%n", java.time.LocalTime.now(), what);
    }

    /** The length of an outage: short in CI, 30 s with {@code -Dshortlist.faults.outage=30s}. */
    public static Duration outage() {
        return Duration.parse("PT" + System.getProperty("shortlist.faults.outage", "10s").toUpperCase());
    }

    private Map<String, String> settings() {
        Map<String, String> all = new HashMap<>();
        all.put("QUARKUS_DATASOURCE_REACTIVE_URL", "vertx-reactive:postgresql://127.0.0.1:" + postgres.port() + "/shortlist");
        all.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        all.put("QUARKUS_DATASOURCE_USERNAME", PostgresCluster.USER);
        all.put("QUARKUS_DATASOURCE_PASSWORD", "unused-trust-auth");
        all.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redis.port() + "/0");
        all.put("SHORTLIST_LLM_PROVIDER", "openai");
        all.put("SHORTLIST_LLM_OPENAI_BASE_URL", model.baseUrl());
        all.put("SHORTLIST_LLM_OPENAI_API_KEY", "sk-faults");
        all.put("SHORTLIST_LLM_OPENAI_MODEL", "stub-model-1");
        all.put("SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY", KEY);
        // Limits stay on, so Redis is on every submit's path, but far above the load sent here.
        all.put("SHORTLIST_LIMITS_SUBMIT_PER_MINUTE", "1000000");
        all.put("SHORTLIST_LIMITS_READ_PER_MINUTE", "1000000");
        all.put("SHORTLIST_LIMITS_JOBS_PER_DAY", "1000000000");
        // The hour and day windows too, per key and per address: the suite sends tens of thousands of submits.
        for (String scope : List.of("SHORTLIST_LIMITS_", "SHORTLIST_LIMITS_ADDRESS_")) {
            for (String window : List.of("SUBMIT_PER_HOUR", "SUBMIT_PER_DAY", "READ_PER_HOUR", "READ_PER_DAY")) {
                all.put(scope + window, "1000000000");
            }
        }
        all.put("SHORTLIST_PIPELINE_CONCURRENCY", "8");
        // Short leases and retries: a lost job would show up within the test, not minutes later.
        all.put("SHORTLIST_PIPELINE_LEASE_DURATION", "3s");
        all.put("SHORTLIST_PIPELINE_HEARTBEAT_INTERVAL", "1s");
        all.put("SHORTLIST_PIPELINE_RESCUE_INTERVAL", "1s");
        all.put("SHORTLIST_PIPELINE_RETRY_INITIAL_DELAY", "500ms");
        all.put("SHORTLIST_PIPELINE_RETRY_MAX_DELAY", "2s");
        all.put("QUARKUS_HTTP_BODY_UPLOADS_DIRECTORY", uploads.resolve("multipart").toString());
        return all;
    }

    /** Starts a new service process (a replacement after a kill, or the first one) and watches its readiness. */
    public PackagedApp startApp() throws IOException, InterruptedException {
        PackagedApp next = new PackagedApp(settings, jvmArguments);
        apps.add(next);
        next.start();
        app = next;
        if (readiness != null) {
            readiness.close();
        }
        readiness = new ReadinessWatch(next.baseUrl());
        return next;
    }

    public PackagedApp app() {
        return app;
    }

    public PostgresCluster postgres() {
        return postgres;
    }

    public RedisServer redis() {
        return redis;
    }

    public LlmStubServer model() {
        return model;
    }

    /** Stops the model endpoint: connections to it are refused until {@link #startModel()}. */
    public void stopModel() {
        model.close();
    }

    /** Starts the model endpoint again, healthy, on the port the service calls. */
    public void startModel() {
        model = LlmStubServer.start(modelOptions);
    }

    /** The model's healthy behaviour, to derive faulty ones from. */
    public LlmStubServer.Options modelOptions() {
        return modelOptions;
    }

    public ReadinessWatch readiness() {
        return readiness;
    }

    /** Steady submit load on whichever service process is current. */
    public SteadyLoad load() {
        return new SteadyLoad(() -> app.baseUrl(), KEY, SUBMITS_PER_SECOND);
    }

    /** Waits until the load has jobs accepted and some running, so the fault meets work in flight. */
    public void awaitJobsInFlight(SteadyLoad load) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> load.accepted().size() >= SUBMITS_PER_SECOND && count("running") > 0);
        note("jobs in flight");
    }

    /** The same process takes submits again after a fault: the service recovered without a restart. */
    public static void awaitAcceptedAgain(SteadyLoad load, Instant since) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> load.acceptedSince(since) >= SUBMITS_PER_SECOND);
        note("submits accepted again");
    }

    /**
     * A trigger of the test's own records every time a job reaches an end state (what the
     * service announces to event streams and webhooks), so "ended twice" is visible even
     * across database restarts, when a listener would miss notifications.
     */
    private void recordEndings() throws SQLException {
        postgres.execute("""
                CREATE TABLE fault_endings (job_id uuid NOT NULL, status text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())
                """, """
                CREATE FUNCTION fault_record_ending() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.status IN ('succeeded', 'failed', 'cancelled')
                       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status) THEN
                        INSERT INTO fault_endings (job_id, status) VALUES (NEW.id, NEW.status);
                    END IF;
                    RETURN NEW;
                END $$
                """, """
                CREATE TRIGGER fault_record_ending AFTER INSERT OR UPDATE OF status ON jobs
                FOR EACH ROW EXECUTE FUNCTION fault_record_ending()
                """);
    }

    /** Jobs in this status now, over all jobs of the test. */
    public int count(String status) throws SQLException {
        try (Connection db = postgres.connect();
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM jobs WHERE status = ?")) {
            query.setString(1, status);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** A job as the database holds it at the end, with how many times it reached an end state. */
    public record Ending(UUID id, String status, int endings) {
    }

    /** The end of every accepted job: waits until none is queued or running any more. */
    public Map<UUID, Ending> awaitEndings(Set<UUID> accepted, Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> unfinished(accepted) == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("accepted jobs not ended within " + within + ": " + unfinishedRows(accepted), e);
        }
        try (Connection db = postgres.connect();
                PreparedStatement query = db.prepareStatement("""
                        SELECT j.id, j.status, (SELECT count(*) FROM fault_endings e WHERE e.job_id = j.id) AS endings
                        FROM jobs j WHERE j.id = ANY(?)
                        """)) {
            query.setArray(1, db.createArrayOf("uuid", accepted.toArray()));
            Map<UUID, Ending> endings = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    endings.put(id, new Ending(id, rows.getString(2), rows.getInt(3)));
                }
            }
            return endings;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unfinished jobs as the database holds them (first 10), to say why they are stuck. */
    private String unfinishedRows(Set<UUID> accepted) {
        try (Connection db = postgres.connect();
                PreparedStatement query = db.prepareStatement("""
                        SELECT id, status, attempts, run_after, lease_owner, lease_expires_at, error::text, now() AS now
                        FROM jobs WHERE id = ANY(?) AND status IN ('queued', 'running') LIMIT 10
                        """)) {
            query.setArray(1, db.createArrayOf("uuid", accepted.toArray()));
            StringBuilder rows = new StringBuilder();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    for (int i = 1; i <= 8; i++) {
                        rows.append(row.getString(i)).append(i < 8 ? " | " : "\n");
                    }
                }
            }
            return rows.toString();
        } catch (SQLException e) {
            return e.toString();
        }
    }

    private int unfinished(Set<UUID> accepted) throws SQLException {
        try (Connection db = postgres.connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT count(*) FROM jobs WHERE id = ANY(?) AND status IN ('queued', 'running')")) {
            query.setArray(1, db.createArrayOf("uuid", accepted.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * No accepted job lost, none ended twice, each ended in one of {@code allowed}: every id
     * the clients were given is in the database, ended, exactly once.
     */
    public void assertEveryAcceptedJobEndedOnce(SteadyLoad load, Duration within, String... allowed) {
        assertEveryJobEndedOnce(load.accepted(), within, allowed);
    }

    /** As {@link #assertEveryAcceptedJobEndedOnce}, for a given set of accepted jobs. */
    public void assertEveryJobEndedOnce(Set<UUID> accepted, Duration within, String... allowed) {
        assertThat(accepted).as("jobs accepted during the test").isNotEmpty();
        Map<UUID, Ending> endings = awaitEndings(accepted, within);
        assertThat(endings.keySet()).as("accepted jobs missing from the database (lost)").containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(endings.values()).as("accepted jobs that ended other than once")
                .filteredOn(e -> e.endings() != 1).isEmpty();
        assertThat(endings.values().stream().map(Ending::status).collect(Collectors.toSet()))
                .as("end states of accepted jobs").isSubsetOf(List.of(allowed));
        note(accepted.size() + " accepted jobs ended once each");
    }

    /**
     * Every refusal the clients saw is 503 or 429 problem+json with Retry-After, never a
     * 500; unless {@code unansweredAllowed} (the process itself was down), every request
     * got an answer.
     */
    public static void assertEveryRefusalRetryable(SteadyLoad load, boolean unansweredAllowed) {
        List<SteadyLoad.Sent> sent = load.sent();
        assertThat(sent).as("requests sent").isNotEmpty();
        List<SteadyLoad.Sent> refused = sent.stream().filter(s -> s.answered() && s.status() != 202).toList();
        assertThat(refused).as("refusals that are not a retryable 503/429 problem with Retry-After")
                .allSatisfy(s -> {
                    assertThat(s.status()).as(s.body()).isIn(429, 503);
                    assertThat(s.contentType()).as(s.body()).startsWith("application/problem+json");
                    assertThat(s.retryAfter()).as(s.body()).isNotBlank();
                    assertThat(s.body()).as("no stack trace").doesNotContain("Exception", "\tat ");
                });
        if (!unansweredAllowed) {
            assertThat(sent).as("requests that got no answer").filteredOn(s -> !s.answered()).isEmpty();
        }
    }

    /** The problem types the clients were refused with, e.g. to check the cause is named. */
    public static Set<String> refusalTypes(SteadyLoad load) {
        return load.sent().stream().filter(s -> s.answered() && s.status() != 202)
                .map(s -> SteadyLoad.problemType(s).orElse("(none)")).collect(Collectors.toSet());
    }

    /** Runs one GET against the current service, for checks beyond submits. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The log of every service process this rig started, for a failure's message. */
    public String logs() {
        return apps.stream().map(a -> {
            try {
                String text = Files.readString(a.log());
                return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
            } catch (IOException e) {
                return e.toString();
            }
        }).collect(Collectors.joining("\n----\n"));
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            note("tear-down failed: " + e);
        }
    }

    @Override
    public void close() throws Exception {
        if (readiness != null) {
            readiness.close();
        }
        for (PackagedApp each : apps) {
            each.close();
        }
        try {
            model.close();
        } catch (RuntimeException alreadyClosed) {
            // stopped by the test
        }
        redis.stop();
        postgres.close();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Watches /q/health/ready every 50 ms in the background and remembers every answer. */
    public static final class ReadinessWatch implements AutoCloseable {

        /** One look at readiness, when its answer came: the status code (0 when the process did not answer) and the body. */
        public record Look(Instant at, int status, String body) {
        }

        private final List<Look> looks = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean watching = true;

        ReadinessWatch(String baseUrl) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build();
            thread = new Thread(() -> {
                while (watching) {
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        // Timed when the answer came: on a busy host a check may answer for a moment after it was asked.
                        looks.add(new Look(Instant.now(), response.statusCode(), response.body()));
                    } catch (IOException e) {
                        looks.add(new Look(Instant.now(), 0, e.toString()));
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "readiness-watch");
            thread.setDaemon(true);
            thread.start();
        }

        /** The looks between the two instants, status and time, for a failed assertion's message. */
        public String describe(Instant from, Instant to) {
            return looks.stream().filter(l -> !l.at().isBefore(from.minusSeconds(1)) && !l.at().isAfter(to.plusSeconds(1)))
                    .map(l -> l.at() + " " + l.status()).collect(Collectors.joining(", "));
        }

        /** Whether readiness said "not ready" (503) between the two instants. */
        public boolean wasDownBetween(Instant from, Instant to) {
            return looks.stream().anyMatch(l -> !l.at().isBefore(from) && !l.at().isAfter(to) && l.status() == 503);
        }

        /** Whether any look between the two instants matched. */
        public boolean any(Instant from, Instant to, java.util.function.Predicate<Look> matching) {
            return looks.stream().anyMatch(l -> !l.at().isBefore(from) && !l.at().isAfter(to) && matching.test(l));
        }

        /** Whether every look between the two instants matched. */
        public boolean all(Instant from, Instant to, java.util.function.Predicate<Look> matching) {
            return looks.stream().filter(l -> !l.at().isBefore(from) && !l.at().isAfter(to)).allMatch(matching);
        }

        /** Waits until readiness says ready (200), and notes how long that took. */
        public void awaitReady(Duration within) {
            Instant since = Instant.now();
            await().atMost(within).pollInterval(Duration.ofMillis(50))
                    .until(() -> looks.stream().anyMatch(l -> l.at().isAfter(since) && l.status() == 200));
            note("ready again after " + Duration.between(since, Instant.now()).toMillis() + " ms");
        }

        @Override
        public void close() throws InterruptedException {
            watching = false;
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
