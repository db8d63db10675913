package dev.shortlist.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one result schema of a job type and prompt version ({@code prompts/<version>.schema.json}),
 * whichever engine answered. Properties marked {@code readOnly} (engine, model, promptVersion)
 * are the service's to fill, so the model is asked for the rest ({@link #forModel()}), in the
 * strict form structured outputs require where the provider has them ({@link #strictForModel()}).
 * Validation covers the subset of JSON Schema these files use: type (one or a list), enum,
 * required, properties, items and numeric bounds; other properties are allowed, so engines may
 * add fields.
 */
public final class ResultSchema {

    private final ObjectNode schema;
    private final ObjectNode forModel;
    private final ObjectNode strictForModel;

    ResultSchema(ObjectNode schema) {
        this.schema = schema;
        this.forModel = withoutReadOnly(schema.deepCopy());
        this.strictForModel = strict(forModel.deepCopy());
    }

    /** The schema of the whole result. */
    public ObjectNode schema() {
        return schema.deepCopy();
    }

    /** What a model must produce: the result without the fields the service fills in. */
    public ObjectNode forModel() {
        return forModel.deepCopy();
    }

    /**
     * The model's schema as strict structured outputs want it: every object closed
     * ({@code additionalProperties: false}) with every property required, optional ones
     * nullable instead, and no numeric bounds (the prompt states them and the handlers clamp).
     */
    public ObjectNode strictForModel() {
        return strictForModel.deepCopy();
    }

    /** What is wrong with the value against the whole result schema; empty when it conforms. */
    public List<String> violations(JsonNode value) {
        return violations(schema, value);
    }

    /** What is wrong with a model's reply, in words a model can act on; empty when it conforms. */
    public List<String> modelViolations(JsonNode value) {
        return violations(forModel, value);
    }

    private static List<String> violations(JsonNode schema, JsonNode value) {
        List<String> violations = new ArrayList<>();
        check("$", schema, value, violations);
        return violations;
    }

    private static void check(String path, JsonNode schema, JsonNode value, List<String> violations) {
        JsonNode type = schema.get("type");
        if (type != null && !hasType(value, type)) {
            violations.add(path + " must be " + describe(type));
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

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(value, one.asText())) {
                    return true;
                }
            }
            return false;
        }
        return hasType(value, type.asText());
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String describe(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(one -> names.add(one.asText()));
            return "one of " + String.join(", ", names);
        }
        String name = type.asText();
        return (name.equals("array") || name.equals("object") || name.equals("integer") ? "an " : "a ") + name;
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode candidate : allowed) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode withoutReadOnly(ObjectNode node) {
        JsonNode properties = node.get("properties");
        if (properties instanceof ObjectNode props) {
            List<String> readOnly = new ArrayList<>();
            props.properties().forEach(property -> {
                if (property.getValue().path("readOnly").asBoolean(false)) {
                    readOnly.add(property.getKey());
                } else if (property.getValue() instanceof ObjectNode child) {
                    withoutReadOnly(child);
                }
            });
            readOnly.forEach(props::remove);
            if (node.get("required") instanceof ArrayNode required) {
                for (Iterator<JsonNode> names = required.elements(); names.hasNext(); ) {
                    if (readOnly.contains(names.next().asText())) {
                        names.remove();
                    }
                }
            }
        }
        if (node.get("items") instanceof ObjectNode items) {
            withoutReadOnly(items);
        }
        return node;
    }

    private static ObjectNode strict(ObjectNode node) {
        node.remove("minimum");
        node.remove("maximum");
        if (node.get("items") instanceof ObjectNode items) {
            strict(items);
        }
        if (node.get("properties") instanceof ObjectNode props) {
            List<String> required = new ArrayList<>();
            node.path("required").forEach(name -> required.add(name.asText()));
            ArrayNode all = node.putArray("required");
            props.properties().forEach(property -> {
                all.add(property.getKey());
                ObjectNode child = strict((ObjectNode) property.getValue());
                if (!required.contains(property.getKey())) {
                    nullable(child);
                }
            });
            node.put("additionalProperties", false);
        } else if ("object".equals(node.path("type").asText())) {
            // An open object (no properties listed) cannot be strict; the model need not fill it.
            node.put("additionalProperties", false);
            node.putObject("properties");
            node.putArray("required");
        }
        return node;
    }

    private static void nullable(ObjectNode property) {
        JsonNode type = property.get("type");
        if (type == null) {
            return;
        }
        if (type.isArray()) {
            boolean hasNull = false;
            for (JsonNode one : type) {
                hasNull |= one.asText().equals("null");
            }
            if (!hasNull) {
                ((ArrayNode) type).add("null");
            }
        } else {
            property.putArray("type").add(type.asText()).add("null");
        }
    }
}
