package dev.shortlist.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of JSON Schema our output schemas use: object, required, property types,
 * enums, numeric bounds and array item types. Enough to tell a model precisely what it got wrong.
 */
record OutputSchema(ObjectNode schema) {

    /** What is wrong with the value, in words a model can act on; empty when it conforms. */
    List<String> violations(JsonNode value) {
        List<String> violations = new ArrayList<>();
        check("$", schema, value, violations);
        return violations;
    }

    private static void check(String path, JsonNode schema, JsonNode value, List<String> violations) {
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            violations.add(path + " must be " + (type.equals("array") || type.equals("object") ? "an " : "a ") + type);
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && !contains(allowed, value)) {
            violations.add(path + " must be one of " + allowed);
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                violations.add(path + " must be at least " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                violations.add(path + " must be at most " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.hasNonNull(required.asText())) {
                    violations.add(path + "." + required.asText() + " is required");
                }
            }
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                JsonNode child = value.get(property.getKey());
                if (child != null && !child.isNull()) {
                    check(path + "." + property.getKey(), property.getValue(), child, violations);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(path + "[" + i + "]", schema.get("items"), value.get(i), violations);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode candidate : allowed) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
