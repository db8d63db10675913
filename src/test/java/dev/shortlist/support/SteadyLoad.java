package dev.shortlist.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A steady stream of job submits, as a client would send them during a fault: a fixed
 * rate, each request on its own, each answer kept (status, content type, Retry-After and
 * body), each accepted job's id kept. A request that got no answer at all (refused
 * connection, timeout) is kept too, as a {@link Sent} with status 0.
 */
public final class SteadyLoad implements AutoCloseable {

    /** One request and what came back; status 0 when no answer came. */
    public record Sent(Instant at, int status, String contentType, String retryAfter, String body, String failure) {

        public boolean answered() {
            return status != 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<UUID, Instant> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Supplier<String> baseUrl;
    private final String apiKey;

    /** Starts sending {@code perSecond} submits a second to whatever {@code baseUrl} gives at each tick. */
    public SteadyLoad(Supplier<String> baseUrl, String apiKey, int perSecond) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        ticker.scheduleAtFixedRate(this::submitOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    private void submitOne() {
        int n = sequence.incrementAndGet();
        String body;
        try {
            // Distinct inputs: no submit is answered from the cache of another.
            body = JSON.writeValueAsString(Map.of("type", "score",
                    "resume", Map.of("text", "Backend engineer " + n + " " + UUID.randomUUID()
                            + ". Java, Spring Boot and PostgreSQL for six years."),
                    "jobDescription", Map.of("text", "Senior Java engineer: Java, Spring Boot, PostgreSQL, Kafka.")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Instant at = Instant.now();
        outstanding.incrementAndGet();
        http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl.get() + "/api/v1/jobs"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    try {
                        if (failure != null) {
                            sent.add(new Sent(at, 0, null, null, null, String.valueOf(failure)));
                            return;
                        }
                        sent.add(new Sent(at, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                                response.headers().firstValue("Retry-After").orElse(null), response.body(), null));
                        if (response.statusCode() == 202) {
                            accepted.put(UUID.fromString(JSON.readTree(response.body()).get("id").asText()), at);
                        }
                    } catch (Exception e) {
                        sent.add(new Sent(at, -1, null, null, String.valueOf(e), null));
                    } finally {
                        outstanding.decrementAndGet();
                    }
                });
    }

    /** Stops sending and waits for the answers of requests already sent. */
    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        Instant deadline = Instant.now().plus(REQUEST_TIMEOUT).plusSeconds(5);
        while (outstanding.get() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public Set<UUID> accepted() {
        return Set.copyOf(accepted.keySet());
    }

    /** The jobs whose submit was sent at or after {@code since} and accepted. */
    public Set<UUID> acceptedFrom(Instant since) {
        return accepted.entrySet().stream().filter(e -> !e.getValue().isBefore(since)).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** How many requests were answered 202 since {@code since}. */
    public long acceptedSince(Instant since) {
        return sent.stream().filter(s -> s.status() == 202 && !s.at().isBefore(since)).count();
    }

    /** The problem type of a refusal, if its body is one. */
    public static Optional<String> problemType(Sent refusal) {
        try {
            JsonNode body = JSON.readTree(refusal.body());
            return Optional.ofNullable(body.get("type")).map(JsonNode::asText);
        } catch (Exception notJson) {
            return Optional.empty();
        }
    }
}
