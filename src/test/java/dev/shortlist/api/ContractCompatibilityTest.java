package dev.shortlist.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clients generated from the contract keep working until its version says they may not: the
 * contract (docs/openapi.json) is compared with the first committed contract of the same
 * {@code info.version}, and a change that breaks a client — an operation, parameter, answer or
 * answered field gone, a field's type changed, a request field newly required or removed, an
 * accepted enum value dropped — fails unless the version changed (OpenApiContract sets it).
 * Adding operations, optional fields, answers and enum values is free. A field documented as
 * never null that is found to be nullable is a correction of the document, not a change of the
 * API, and passes.
 */
class ContractCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "docs/openapi.json";

    @Test
    void theContractBreaksNoClientOfItsVersion() throws Exception {
        JsonNode current = JSON.readTree(Files.readString(Path.of(CONTRACT)));
        String version = current.path("info").path("version").asText();
        JsonNode baseline = current;
        String since = "the working copy";
        for (String commit : git("log", "--format=%H", "--", CONTRACT).lines().toList()) {
            JsonNode then = JSON.readTree(git("show", commit + ":" + CONTRACT));
            if (!then.path("info").path("version").asText().equals(version)) {
                break;
            }
            baseline = then;
            since = commit.substring(0, 8);
        }
        List<String> breaking = new Compatibility(baseline, current).breakingChanges();
        assertThat(breaking).as("changes that break clients of version %s (first committed at %s); "
                + "if they are meant, give the contract a new version in OpenApiContract", version, since).isEmpty();
    }

    @Test
    void theCheckFindsWhatWouldBreakAClient() throws Exception {
        JsonNode before = JSON.readTree("""
                {"paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query"}],
                  "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}},
                  "post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object",
                    "properties": {"kind": {"type": "string", "enum": ["x", "y"]}, "note": {"type": "string"}}}}}},
                    "responses": {"202": {"content": {"application/json": {"schema": {"type": "object"}}}}}}},
                  "/b": {"get": {"responses": {"204": {"description": "gone"}}}}},
                 "components": {"schemas": {"A": {"type": "object", "required": ["id"],
                   "properties": {"id": {"type": "string"}, "score": {"type": "integer"}, "label": {"type": "string"}}}}}}""");
        JsonNode after = JSON.readTree("""
                {"paths": {"/a": {"get": {"parameters": [{"name": "r", "in": "query", "required": true}],
                  "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}},
                  "post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["note"],
                    "properties": {"kind": {"type": "string", "enum": ["x"]}, "note": {"type": "string"}}}}}},
                    "responses": {"202": {"content": {"application/json": {"schema": {"type": "object"}}}}}}}},
                 "components": {"schemas": {"A": {"type": "object",
                   "properties": {"id": {"type": "string"}, "score": {"type": "string"}, "label": {"type": ["string", "null"]},
                   "extra": {"type": "string"}}}}}}""");

        assertThat(new Compatibility(before, after).breakingChanges()).containsExactlyInAnyOrder(
                "GET /b: removed",
                "GET /a: parameter q (query) removed",
                "GET /a: new required parameter r (query)",
                "GET /a 200: id may be missing",
                "GET /a 200: score changed type from [integer] to [string]",
                "POST /a request: note newly required",
                "POST /a request: kind no longer takes x, y (now x)");
        assertThat(new Compatibility(before, before).breakingChanges()).isEmpty();
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git %s (the check reads the contract's history): %s", String.join(" ", args), out).isZero();
        return out;
    }

    /** Breaking changes from one contract to the next, each as a sentence naming where. */
    private static final class Compatibility {

        private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

        private final JsonNode before;
        private final JsonNode after;
        private final List<String> breaking = new ArrayList<>();

        Compatibility(JsonNode before, JsonNode after) {
            this.before = before;
            this.after = after;
        }

        List<String> breakingChanges() {
            before.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
                if (!METHODS.contains(operation.getKey())) {
                    return;
                }
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode now = after.path("paths").path(path.getKey()).path(operation.getKey());
                if (now.isMissingNode()) {
                    breaking.add(where + ": removed");
                    return;
                }
                parameters(where, operation.getValue(), now);
                JsonNode request = operation.getValue().at("/requestBody/content/application~1json/schema");
                if (!request.isMissingNode()) {
                    request(where + " request", before, request, after, now.at("/requestBody/content/application~1json/schema"), "", 0);
                }
                operation.getValue().path("responses").properties().forEach(answer -> {
                    if (!answer.getKey().startsWith("2")) {
                        return;
                    }
                    JsonNode then = answer.getValue().at("/content/application~1json/schema");
                    JsonNode answerNow = now.path("responses").path(answer.getKey());
                    if (answerNow.isMissingNode()) {
                        breaking.add(where + " " + answer.getKey() + ": answer removed");
                    } else if (!then.isMissingNode()) {
                        response(where + " " + answer.getKey(), then, answerNow.at("/content/application~1json/schema"), "", 0);
                    }
                });
            }));
            return breaking;
        }

        private void parameters(String where, JsonNode then, JsonNode now) {
            Set<String> had = new HashSet<>();
            then.path("parameters").forEach(p -> had.add(p.path("name").asText() + " (" + p.path("in").asText() + ")"));
            Set<String> has = new HashSet<>();
            now.path("parameters").forEach(p -> {
                String name = p.path("name").asText() + " (" + p.path("in").asText() + ")";
                has.add(name);
                if (p.path("required").asBoolean() && !had.contains(name)) {
                    breaking.add(where + ": new required parameter " + name);
                }
            });
            had.stream().filter(name -> !has.contains(name)).sorted()
                    .forEach(name -> breaking.add(where + ": parameter " + name + " removed"));
        }

        /** What a client reads: every field it could read is still there, still there when it was always there, of its type. */
        private void response(String where, JsonNode then, JsonNode now, String field, int depth) {
            then = resolve(before, then);
            now = resolve(after, now);
            if (now.isMissingNode()) {
                breaking.add(where + ": " + label(field) + " removed");
                return;
            }
            Set<String> typesThen = types(then);
            Set<String> typesNow = types(now);
            if (!typesThen.isEmpty() && !typesNow.isEmpty() && !typesThen.equals(typesNow)) {
                breaking.add(where + ": " + label(field) + " changed type from " + sorted(typesThen) + " to " + sorted(typesNow));
                return;
            }
            if (depth > 6) {
                return;
            }
            Set<String> requiredNow = names(now.path("required"));
            for (String name : names(then.path("required"))) {
                if (!requiredNow.contains(name)) {
                    breaking.add(where + ": " + path(field, name) + " may be missing");
                }
            }
            JsonNode propertiesNow = now.path("properties");
            then.path("properties").properties().forEach(property -> response(where, property.getValue(),
                    propertiesNow.path(property.getKey()), path(field, property.getKey()), depth + 1));
            if (then.has("items")) {
                response(where, then.path("items"), now.path("items"), path(field, "[]"), depth + 1);
            }
        }

        /** What a client sends: every field it sent is still taken, nothing new is demanded, no accepted value refused. */
        private void request(String where, JsonNode docThen, JsonNode then, JsonNode docNow, JsonNode now, String field, int depth) {
            then = resolve(docThen, then);
            now = resolve(docNow, now);
            if (now.isMissingNode()) {
                breaking.add(where + ": " + label(field) + " no longer taken");
                return;
            }
            if (then.has("enum") && now.has("enum")) {
                Set<String> taken = names(now.path("enum"));
                if (!taken.containsAll(names(then.path("enum")))) {
                    breaking.add(where + ": " + label(field) + " no longer takes " + String.join(", ", sorted(names(then.path("enum"))))
                            + " (now " + String.join(", ", sorted(taken)) + ")");
                }
            }
            if (depth > 6) {
                return;
            }
            Set<String> requiredThen = names(then.path("required"));
            for (String name : names(now.path("required"))) {
                if (!requiredThen.contains(name)) {
                    breaking.add(where + ": " + path(field, name) + " newly required");
                }
            }
            JsonNode propertiesNow = now.path("properties");
            then.path("properties").properties().forEach(property -> request(where, docThen, property.getValue(), docNow,
                    propertiesNow.path(property.getKey()), path(field, property.getKey()), depth + 1));
        }

        /** A {@code $ref}'s target, or the one schema a nullable {@code oneOf} wraps. */
        private static JsonNode resolve(JsonNode document, JsonNode schema) {
            if (schema.has("$ref")) {
                return resolve(document, document.at(schema.path("$ref").asText().substring(1)));
            }
            JsonNode options = schema.path("oneOf");
            if (options.size() == 2) {
                for (JsonNode option : options) {
                    if (!types(option).isEmpty() || option.has("$ref")) {
                        return resolve(document, option);
                    }
                }
            }
            return schema;
        }

        /** Its types, null left out: a field found to be nullable is a correction of the document. */
        private static Set<String> types(JsonNode schema) {
            Set<String> types = new HashSet<>();
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                type.forEach(one -> types.add(one.asText()));
            } else if (type.isTextual()) {
                types.add(type.asText());
            }
            types.remove("null");
            return types;
        }

        private static Set<String> names(JsonNode array) {
            Set<String> names = new HashSet<>();
            array.forEach(name -> names.add(name.asText()));
            return names;
        }

        private static List<String> sorted(Set<String> values) {
            return values.stream().sorted().toList();
        }

        private static String path(String field, String name) {
            return field.isEmpty() ? name : field + "." + name;
        }

        private static String label(String field) {
            return field.isEmpty() ? "the body" : field;
        }
    }
}
