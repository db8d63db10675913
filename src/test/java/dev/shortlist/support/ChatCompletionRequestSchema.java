package dev.shortlist.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of OpenAI's {@code CreateChatCompletionRequest} (openai-openapi.yaml) that a
 * client can break: required fields, message roles and content, and the types and ranges
 * of the sampling options. Returns the first broken rule naming its parameter, as the real
 * API does.
 */
final class ChatCompletionRequestSchema {

    private static final Set<String> ROLES = Set.of("developer", "system", "user", "assistant", "tool", "function");
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

    private ChatCompletionRequestSchema() {
    }

    /** The broken rule as {@code param: message}, or empty when the request is valid. */
    static Optional<String> violation(JsonNode request) {
        if (!request.isObject()) {
            return Optional.of("body: must be a JSON object");
        }
        if (!request.path("model").isTextual() || request.path("model").asText().isBlank()) {
            return Optional.of("model: is required and must be a non-empty string");
        }
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return Optional.of("messages: is required and must be a non-empty array");
        }
        for (int i = 0; i < messages.size(); i++) {
            Optional<String> broken = messageViolation(messages.get(i), "messages[" + i + "]");
            if (broken.isPresent()) {
                return broken;
            }
        }
        return numberIn(request, "temperature", 0, 2)
                .or(() -> numberIn(request, "top_p", 0, 1))
                .or(() -> numberIn(request, "frequency_penalty", -2, 2))
                .or(() -> numberIn(request, "presence_penalty", -2, 2))
                .or(() -> integerIn(request, "n", 1, 128))
                .or(() -> integerIn(request, "max_tokens", 1, Integer.MAX_VALUE))
                .or(() -> integerIn(request, "max_completion_tokens", 1, Integer.MAX_VALUE))
                .or(() -> integerIn(request, "seed", Long.MIN_VALUE, Long.MAX_VALUE))
                .or(() -> typed(request, "stream", JsonNode::isBoolean, "a boolean"))
                .or(() -> typed(request, "stop", stop -> stop.isTextual() || stop.isArray() && stop.size() <= 4,
                        "a string or an array of up to 4 strings"))
                .or(() -> responseFormatViolation(request.get("response_format")));
    }

    private static Optional<String> messageViolation(JsonNode message, String path) {
        if (!message.isObject()) {
            return Optional.of(path + ": must be an object");
        }
        String role = message.path("role").asText(null);
        if (role == null || !ROLES.contains(role)) {
            return Optional.of(path + ".role: must be one of " + ROLES);
        }
        JsonNode content = message.get("content");
        boolean mayOmitContent = role.equals("assistant") && message.has("tool_calls");
        if (content == null || content.isNull()) {
            return mayOmitContent ? Optional.empty() : Optional.of(path + ".content: is required");
        }
        if (content.isTextual()) {
            return Optional.empty();
        }
        if (content.isArray()) {
            for (Iterator<JsonNode> parts = content.elements(); parts.hasNext(); ) {
                if (!parts.next().path("type").isTextual()) {
                    return Optional.of(path + ".content: every part needs a type");
                }
            }
            return Optional.empty();
        }
        return Optional.of(path + ".content: must be a string or an array of parts");
    }

    private static Optional<String> responseFormatViolation(JsonNode format) {
        if (format == null || format.isNull()) {
            return Optional.empty();
        }
        String type = format.path("type").asText(null);
        if (!format.isObject() || type == null || !RESPONSE_FORMATS.contains(type)) {
            return Optional.of("response_format.type: must be one of " + RESPONSE_FORMATS);
        }
        if (type.equals("json_schema") && !format.path("json_schema").path("name").isTextual()) {
            return Optional.of("response_format.json_schema.name: is required");
        }
        return Optional.empty();
    }

    private static Optional<String> numberIn(JsonNode request, String field, double min, double max) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            return Optional.of(field + ": must be a number from " + min + " to " + max);
        }
        return Optional.empty();
    }

    private static Optional<String> integerIn(JsonNode request, String field, long min, long max) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            return Optional.of(field + ": must be an integer from " + min + " to " + max);
        }
        return Optional.empty();
    }

    private static Optional<String> typed(JsonNode request, String field, java.util.function.Predicate<JsonNode> ok, String what) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull() || ok.test(value)) {
            return Optional.empty();
        }
        return Optional.of(field + ": must be " + what);
    }
}
