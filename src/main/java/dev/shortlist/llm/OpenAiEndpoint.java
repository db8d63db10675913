package dev.shortlist.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

/**
 * One HTTP exchange with the remote model, under a timeout, the circuit breaker and a
 * bulkhead; {@link ModelCalls} retries it and counts every exchange against the quota. The
 * values below are defaults that configuration overrides, e.g.
 * {@code quarkus.fault-tolerance."dev.shortlist.llm.OpenAiEndpoint/exchange".timeout.value}; the
 * bulkhead's follow {@code shortlist.pipeline.concurrency} (see pipeline.ConcurrencySizing).
 */
@ApplicationScoped
class OpenAiEndpoint {

    /** Statuses worth another try; every other 4xx is our request's fault and would fail again. */
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 409, 429, 500, 502, 503, 504);

    private final ChatCompletionsClient client;
    private final String authorization;
    private final String apiKey;
    private final String apiVersion;
    private final ObjectMapper json;
    private final Clock clock;

    OpenAiEndpoint(LlmConfig config, ObjectMapper json, Clock clock) {
        LlmConfig.OpenAi openai = config.openai();
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(openai.baseUrl()))
                .connectTimeout(openai.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(openai.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, openai.maxConnections())
                // Error statuses come back as responses: we decide what is retryable, not the client.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(ChatCompletionsClient.class);
        boolean apiKeyHeader = ProviderProfile.fromWireName(openai.profile()).keyInApiKeyHeader();
        this.authorization = apiKeyHeader ? null : openai.apiKey().map(key -> "Bearer " + key).orElse(null);
        this.apiKey = apiKeyHeader ? openai.apiKey().orElse(null) : null;
        // Absent, the client sends no query parameter at all.
        this.apiVersion = openai.apiVersion().orElse(null);
        this.json = json;
        this.clock = clock;
    }

    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    // Opens on an outage, not on the noise of a busy provider: three failures in four of the last 20 calls.
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, failOn = {LlmUnavailableException.class, TimeoutException.class},
            skipOn = LlmRateLimitedException.class)
    @Bulkhead(value = 64, waitingTaskQueue = 1024)
    Uni<ChatReply> exchange(String body) {
        long[] sentAt = new long[1];
        return Uni.createFrom().deferred(() -> {
                    sentAt[0] = System.nanoTime();
                    return client.create(authorization, apiKey, apiVersion, body);
                })
                .map(response -> {
                    if (response.getStatus() >= 200 && response.getStatus() < 300) {
                        return parse(response.getEntity(), System.nanoTime() - sentAt[0]);
                    }
                    throw refused(response.getStatus(), response.getHeaderString("Retry-After"));
                })
                .onFailure(WebApplicationException.class).transform(failure -> {
                    Response response = ((WebApplicationException) failure).getResponse();
                    return refused(response.getStatus(), response.getHeaderString("Retry-After"));
                })
                .onFailure(failure -> !(failure instanceof LlmException)).transform(OpenAiEndpoint::unreachable);
    }

    private LlmException refused(int status, String retryAfter) {
        String message = "the model endpoint answered HTTP " + status;
        if (status == 429) {
            return new LlmRateLimitedException(message, retryAfter(retryAfter));
        }
        if (RETRYABLE_STATUSES.contains(status)) {
            return new LlmUnavailableException("llm_server_error", message, retryAfter(retryAfter), null);
        }
        return new LlmException("llm_rejected", message, false);
    }

    private ChatReply parse(String body, long httpNanos) {
        try {
            JsonNode reply = json.readTree(body == null ? "" : body);
            JsonNode content = reply.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new LlmUnavailableException("llm_bad_reply", "the model endpoint answered without message content", null);
            }
            JsonNode usage = reply.path("usage");
            return new ChatReply(content.asText(), usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt(),
                    httpNanos);
        } catch (JsonProcessingException e) {
            // The envelope itself is broken (not the model's content): a proxy or server fault, worth a retry.
            throw new LlmUnavailableException("llm_bad_reply", "the model endpoint answered with invalid JSON", e);
        }
    }

    /** {@code Retry-After} is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
    private Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

    private static Throwable unreachable(Throwable failure) {
        String message = failure instanceof ProcessingException && failure.getCause() != null
                ? failure.getCause().getMessage() : failure.getMessage();
        return new LlmUnavailableException("llm_unreachable", "the model endpoint could not be reached: " + message, failure);
    }
}
