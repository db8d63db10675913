package dev.shortlist.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat-completions server standing in for the model: tests and
 * benchmarks choose its latency and faults. It answers {@code POST .../chat/completions}
 * with a score in the documented result shape (evidence quoting the resume it was sent),
 * and rejects (400) requests that break the chat-completions request schema and (401)
 * requests without the expected key. {@code GET /stats} reports the calls it saw and the
 * most it saw in any one minute; {@code POST /outage?seconds=N} starts a total outage (503s).
 *
 * <p>Faults come two ways: scripted ({@link #enqueue}: the next requests get exactly these)
 * for tests, and at random rates ({@link Options}) for benchmarks. Run it on its own with
 * {@code java -cp target/test-classes:$(cat target/test-classpath.txt) dev.shortlist.support.LlmStubServer --port 18090 --latency-ms 200}
 * (see {@code bench/README.md}).
 */
public final class LlmStubServer implements AutoCloseable {

    /** What the server does with one request instead of answering normally. */
    public sealed interface Fault {
    }

    /** Answers this HTTP status with an OpenAI-style error body. */
    public record Status(int code) implements Fault {
    }

    /** Answers 429 with {@code Retry-After} in seconds. */
    public record RateLimited(int retryAfterSeconds) implements Fault {
    }

    /** Answers 429 with {@code Retry-After} as an HTTP date this many seconds after the request arrived. */
    public record RateLimitedUntilDate(int secondsAfterArrival) implements Fault {
    }

    /** Answers 200 with message content that is not JSON. */
    public record MalformedContent() implements Fault {
    }

    /** Answers 200 with a JSON object that breaks the score schema. */
    public record SchemaViolation() implements Fault {
    }

    /** Never answers; the connection stays open until the client gives up. */
    public record Hang() implements Fault {
    }

    /**
     * Answers as usual once {@code gate} completes ({@link #release()}): the call stays in flight
     * for exactly as long as the test needs to look at the job meanwhile. Holds that share a gate
     * are released together.
     */
    public record Held(CompletableFuture<Void> gate) implements Fault {

        public Held() {
            this(new CompletableFuture<>());
        }

        public void release() {
            gate.complete(null);
        }
    }

    /** Answers 200 with a tailored resume or generated resume that breaks its result schema. */
    public record ResumeSchemaViolation() implements Fault {
    }

    /** Answers a valid score whose evidence also quotes a line the resume does not have. */
    public record InventedQuote(String quote) implements Fault {
    }

    /**
     * Behaviour for every request without a scripted fault. Rates are probabilities 0–1.
     */
    public record Options(int port, Duration latency, String apiKey, double serverErrorRate, double rateLimitRate,
                          int retryAfterSeconds, double malformedRate, double hangRate) {

        public static Options defaults() {
            return new Options(0, Duration.ZERO, null, 0, 0, 1, 0, 0);
        }

        public Options withApiKey(String key) {
            return new Options(port, latency, key, serverErrorRate, rateLimitRate, retryAfterSeconds, malformedRate, hangRate);
        }

        /** Every unscripted request answered after {@code delay}. */
        public Options withLatency(Duration delay) {
            return new Options(port, delay, apiKey, serverErrorRate, rateLimitRate, retryAfterSeconds, malformedRate, hangRate);
        }

        /** Random faults for every unscripted request: HTTP 500s, 429s (with {@code Retry-After}) and calls that hang. */
        public Options withFaults(double serverErrorRate, double rateLimitRate, int retryAfterSeconds, double hangRate) {
            return new Options(port, latency, apiKey, serverErrorRate, rateLimitRate, retryAfterSeconds, malformedRate, hangRate);
        }
    }

    /**
     * One request: when it arrived, its body, and the status it was (or will be) answered with
     * (0 for a hang); the path and query it was sent to, and its headers (names in lower case).
     */
    public record Received(Instant at, JsonNode body, int status, String path, String query, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECORDED = 10_000;

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    /** Arrival times of every call since the last reset, for the per-minute count (not bounded like {@link #received}). */
    private final ConcurrentLinkedQueue<Instant> arrivals = new ConcurrentLinkedQueue<>();
    private volatile Options options;
    /** During a total outage every call is answered 503, from start to end. */
    private volatile Instant outageStart = Instant.MAX;
    private volatile Instant outageEnd = Instant.MIN;
    private final HttpServer server;

    private LlmStubServer(Options options) {
        this.options = options;
        this.server = await(vertx.createHttpServer().requestHandler(this::route).listen(options.port(), "127.0.0.1"));
    }

    public static LlmStubServer start(Options options) {
        return new LlmStubServer(options);
    }

    /** Base URL to configure as {@code shortlist.llm.openai.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /** The next requests get these faults, in order; later ones are answered normally. */
    public void enqueue(Fault... faults) {
        script.addAll(List.of(faults));
    }

    /** Replaces the behaviour for unscripted requests (latency, random fault rates). */
    public void options(Options options) {
        this.options = options;
    }

    /** Forgets the script, the outage and the requests received so far. */
    public void reset() {
        script.clear();
        received.clear();
        arrivals.clear();
        requestCount.set(0);
        outageStart = Instant.MAX;
        outageEnd = Instant.MIN;
    }

    /** A total outage: from {@code after} now on, for {@code length}, every call is answered 503. */
    public void outage(Duration after, Duration length) {
        Instant start = Instant.now().plus(after);
        outageEnd = start.plus(length);
        outageStart = start;
    }

    /** A total outage from now until {@link #endOutage()}. */
    public void beginOutage() {
        outageEnd = Instant.MAX;
        outageStart = Instant.now();
    }

    public void endOutage() {
        outageEnd = Instant.now();
    }

    /** The most calls that arrived within any {@code window} (a rolling window, starting at each arrival). */
    public int maxCallsInAnyWindow(Duration window) {
        List<Instant> times = arrivals.stream().sorted().toList();
        int most = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (!times.get(first).plus(window).isAfter(times.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /** The chat-completions requests received since the last reset, valid or not (the first 10,000). */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** How many chat-completions requests arrived since the last reset. */
    public int requestCount() {
        return requestCount.get();
    }

    private void route(HttpServerRequest request) {
        if (request.path().endsWith("/stats") && "GET".equals(request.method().name())) {
            ObjectNode stats = JSON.createObjectNode().put("requests", requestCount())
                    .put("maxPerMinute", maxCallsInAnyWindow(Duration.ofMinutes(1)));
            request.response().putHeader("Content-Type", "application/json").end(stats.toString());
            return;
        }
        if (request.path().endsWith("/outage") && "POST".equals(request.method().name())) {
            outage(Duration.ZERO, Duration.ofSeconds(Long.parseLong(request.getParam("seconds", "60"))));
            request.response().setStatusCode(204).end();
            return;
        }
        if (!request.path().endsWith("/chat/completions") || !"POST".equals(request.method().name())) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> handle(request, body))
                .onFailure(failure -> request.response().setStatusCode(400).end());
    }

    private void handle(HttpServerRequest request, Buffer body) {
        JsonNode json;
        try {
            json = JSON.readTree(body.getBytes());
        } catch (Exception e) {
            reject(request, null, 400, "body: is not valid JSON");
            return;
        }
        Options current = options;
        // The key as OpenAI and most others take it, or in Azure's api-key header.
        if (current.apiKey() != null && !("Bearer " + current.apiKey()).equals(request.getHeader("Authorization"))
                && !current.apiKey().equals(request.getHeader("api-key"))) {
            reject(request, json, 401, "Incorrect API key provided");
            return;
        }
        Optional<String> violation = ChatCompletionRequestSchema.violation(json);
        if (violation.isPresent()) {
            reject(request, json, 400, violation.get());
            return;
        }
        Instant now = Instant.now();
        Fault fault = !now.isBefore(outageStart) && now.isBefore(outageEnd) ? new Status(503) : script.poll();
        if (fault == null) {
            fault = randomFault(current);
        }
        Fault chosen = fault;
        // Recorded on arrival: a slow answer to a call made before a reset must not count after it.
        Instant arrivedAt = record(request, json, plannedStatus(chosen));
        long delay = current.latency().toMillis();
        if (delay > 0) {
            vertx.setTimer(delay, tick -> answer(request, json, chosen, arrivedAt));
        } else {
            answer(request, json, chosen, arrivedAt);
        }
    }

    private void reject(HttpServerRequest request, JsonNode json, int status, String message) {
        record(request, json, status);
        reply(request, json, status, error(message, "invalid_request_error"), Map.of());
    }

    private static int plannedStatus(Fault fault) {
        if (fault instanceof Status status) {
            return status.code();
        }
        if (fault instanceof RateLimited || fault instanceof RateLimitedUntilDate) {
            return 429;
        }
        return fault instanceof Hang ? 0 : 200;
    }

    private void answer(HttpServerRequest request, JsonNode json, Fault fault, Instant arrivedAt) {
        if (fault instanceof Hang) {
            return;
        }
        if (fault instanceof Held held && !held.gate().isDone()) {
            held.gate().thenRun(() -> vertx.runOnContext(ignored -> answer(request, json, fault, arrivedAt)));
            return;
        }
        if (fault instanceof Status status) {
            reply(request, json, status.code(), error("the stub failed on purpose", "server_error"), Map.of());
        } else if (fault instanceof RateLimited limited) {
            reply(request, json, 429, error("Rate limit reached", "rate_limit_exceeded"),
                    Map.of("Retry-After", String.valueOf(limited.retryAfterSeconds())));
        } else if (fault instanceof RateLimitedUntilDate limited) {
            Instant until = arrivedAt.plusSeconds(limited.secondsAfterArrival());
            reply(request, json, 429, error("Rate limit reached", "rate_limit_exceeded"),
                    Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atOffset(ZoneOffset.UTC))));
        } else if (fault instanceof MalformedContent) {
            reply(request, json, 200, completion(json, "{\"score\": 80, \"recommendation\": \"shortl"), Map.of());
        } else if (fault instanceof SchemaViolation) {
            reply(request, json, 200, completion(json, "{\"score\": \"high\", \"recommendation\": \"hire\"}"), Map.of());
        } else if (fault instanceof InventedQuote invented) {
            ObjectNode answer = scoreAnswer(json);
            ((com.fasterxml.jackson.databind.node.ArrayNode) answer.get("evidence")).addObject()
                    .put("skill", "Kafka").put("quote", invented.quote()).put("section", "experience");
            reply(request, json, 200, completion(json, answer.toString()), Map.of());
        } else if (fault instanceof ResumeSchemaViolation) {
            reply(request, json, 200, completion(json, "{\"resumeMarkdown\": 42, \"changes\": \"several\"}"), Map.of());
        } else {
            ObjectNode answer = switch (task(json)) {
                case "tailor" -> tailorAnswer(json);
                case "generate" -> generateAnswer();
                default -> scoreAnswer(json);
            };
            reply(request, json, 200, completion(json, answer.toString()), Map.of());
        }
    }

    private static Fault randomFault(Options options) {
        double roll = ThreadLocalRandom.current().nextDouble();
        if ((roll -= options.serverErrorRate()) < 0) {
            return new Status(500);
        }
        if ((roll -= options.rateLimitRate()) < 0) {
            return new RateLimited(options.retryAfterSeconds());
        }
        if ((roll -= options.malformedRate()) < 0) {
            return new MalformedContent();
        }
        if ((roll -= options.hangRate()) < 0) {
            return new Hang();
        }
        return null;
    }

    private void reply(HttpServerRequest request, JsonNode json, int status, ObjectNode body, Map<String, String> headers) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        headers.forEach(request.response()::putHeader);
        request.response().end(body.toString());
    }

    private Instant record(HttpServerRequest request, JsonNode json, int status) {
        Instant now = Instant.now();
        requestCount.incrementAndGet();
        arrivals.add(now);
        // Bounded, so a long benchmark run does not fill the heap.
        if (received.size() < MAX_RECORDED) {
            Map<String, String> headers = new java.util.TreeMap<>();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue()));
            received.add(new Received(now, json, status, request.path(), request.query(), headers));
        }
        return now;
    }

    /**
     * A score in the documented result shape (as the local engine answers it), its evidence
     * quoting the first line of the resume it was sent, so the service's checks pass.
     */
    private static ObjectNode scoreAnswer(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("score", 82);
        answer.put("recommendation", "shortlist");
        answer.putArray("components").addObject().put("name", "requiredSkills").put("score", 80).put("weight", 0.3)
                .put("detail", "2 of 3 required skills shown");
        answer.putArray("matchedSkills").add("java").add("postgresql");
        answer.putArray("missingSkills").add("kafka");
        answer.putArray("missingPreferredSkills");
        answer.putArray("evidence").addObject().put("skill", "java").put("quote", firstResumeLine(request))
                .put("section", "experience");
        answer.putArray("strengths").add("Backend services in Java");
        answer.putArray("gaps").add("No streaming experience");
        answer.put("yearsOfExperience", 6);
        answer.putNull("yearsRequired");
        answer.put("resumeTitle", "Backend Engineer");
        answer.putNull("jobTitle");
        answer.put("summary", "Strong backend match; no streaming experience shown.");
        answer.putObject("flags").put("promptInjection", false);
        return answer;
    }

    /**
     * What the request asks for: {@code score}, {@code tailor} or {@code generate}, from the
     * schema's name where it names one, else (JSON mode) from the system prompt's first words.
     */
    private static String task(JsonNode request) {
        String schema = request.path("response_format").path("json_schema").path("name").asText("");
        if (!schema.isEmpty()) {
            return schema.substring(0, Math.max(0, schema.indexOf('-')));
        }
        String system = request.path("messages").path(0).path("content").asText("");
        return system.startsWith("You are a careful resume editor") ? "tailor"
                : system.startsWith("You are a careful resume writer") ? "generate" : "score";
    }

    /** A resume written from a profile, in the documented result shape. */
    private static ObjectNode generateAnswer() {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("resumeMarkdown", "# Backend Engineer\n\n## Skills\nJava, PostgreSQL\n");
        answer.putArray("matchedSkills").add("java").add("postgresql");
        answer.putArray("missingKeywords").add("kafka");
        answer.putArray("suggestions").add("Add the streaming work, if any");
        answer.put("atsScore", 74);
        answer.put("summary", "Java and PostgreSQL first.");
        answer.putObject("flags").put("promptInjection", false);
        return answer;
    }

    /** A tailored resume in the documented result shape, built from the first line of the resume it was sent. */
    private static ObjectNode tailorAnswer(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("resumeMarkdown", "# Backend Engineer\n\n## Experience\n- " + firstResumeLine(request) + "\n");
        answer.putArray("changes").add("Moved the Java work to the top");
        answer.putArray("keywordsAdded").add("java");
        answer.putArray("missingKeywords").add("kafka");
        answer.putArray("suggestions").add("Say which streaming tools you have used, if any");
        answer.put("atsScoreBefore", 64);
        answer.put("atsScoreAfter", 79);
        answer.put("summary", "Java experience brought forward.");
        answer.putObject("flags").put("promptInjection", false);
        return answer;
    }

    /** The first line between the resume's marker lines that is more than a mask ([name]), from the last user message. */
    private static String firstResumeLine(JsonNode request) {
        String user = "";
        for (JsonNode message : request.path("messages")) {
            if ("user".equals(message.path("role").asText()) && message.path("content").asText().contains("<<<resume ")) {
                user = message.path("content").asText();
            }
        }
        int start = user.indexOf("<<<resume ");
        if (start < 0) {
            return "Java";
        }
        for (String line : user.substring(user.indexOf('\n', start) + 1).split("\n")) {
            if (line.startsWith("<<<end resume")) {
                break;
            }
            if (!line.isBlank() && !line.strip().matches("\\[[a-z]+]")) {
                return line.strip();
            }
        }
        return "Java";
    }

    private static ObjectNode completion(JsonNode request, String content) {
        int promptChars = 0;
        for (JsonNode message : request.path("messages")) {
            promptChars += message.path("content").asText("").length();
        }
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-stub-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
        completion.put("object", "chat.completion");
        completion.put("created", Instant.now().getEpochSecond());
        completion.put("model", request.path("model").asText());
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        ObjectNode usage = completion.putObject("usage");
        // Roughly four characters a token, as for English text.
        usage.put("prompt_tokens", promptChars / 4 + 1);
        usage.put("completion_tokens", content.length() / 4 + 1);
        usage.put("total_tokens", usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
        return completion;
    }

    private static ObjectNode error(String message, String type) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        int colon = message.indexOf(':');
        error.put("param", colon > 0 ? message.substring(0, colon) : null);
        error.putNull("code");
        return body;
    }

    @Override
    public void close() {
        await(server.close());
        await(vertx.close());
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the stub LLM server could not start or stop", e);
        }
    }

    /**
     * Runs the stub until killed. Options: {@code --port N} (default 18090), {@code --latency-ms N},
     * {@code --api-key K}, {@code --error-rate R} (HTTP 500), {@code --rate-limit-rate R} (HTTP 429),
     * {@code --retry-after S}, {@code --malformed-rate R}, {@code --hang-rate R}, and a total outage of
     * {@code --outage-s N} seconds starting {@code --outage-after-s N} seconds after the start.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> flags = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        Options options = new Options(
                Integer.parseInt(flags.getOrDefault("--port", "18090")),
                Duration.ofMillis(Long.parseLong(flags.getOrDefault("--latency-ms", "0"))),
                flags.get("--api-key"),
                Double.parseDouble(flags.getOrDefault("--error-rate", "0")),
                Double.parseDouble(flags.getOrDefault("--rate-limit-rate", "0")),
                Integer.parseInt(flags.getOrDefault("--retry-after", "1")),
                Double.parseDouble(flags.getOrDefault("--malformed-rate", "0")),
                Double.parseDouble(flags.getOrDefault("--hang-rate", "0")));
        LlmStubServer stub = start(options);
        if (flags.containsKey("--outage-s")) {
            stub.outage(Duration.ofSeconds(Long.parseLong(flags.getOrDefault("--outage-after-s", "0"))),
                    Duration.ofSeconds(Long.parseLong(flags.get("--outage-s"))));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
        System.out.println("stub LLM listening at " + stub.baseUrl() + " with " + options);
        Thread.currentThread().join();
    }
}
