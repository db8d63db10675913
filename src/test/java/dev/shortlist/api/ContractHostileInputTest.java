package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input for every operation of the API contract (docs/openapi.json), generated from
 * it, so an endpoint added tomorrow is covered without a line here: ids that are not ids,
 * typed query parameters given what their type forbids, and JSON bodies whose every field has a
 * value of a type it cannot take, that carry a field nobody declared, or that are not JSON.
 * Every answer is a 4xx problem+json naming no code behind it; nothing is a 5xx. The values
 * can never be read as valid, so no request here changes anything.
 */
@QuarkusTest
class ContractHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Bearer sl_test_admin_key_for_tests_only";
    private static final List<String> BAD_IDS = List.of("not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "x".repeat(3_000));

    private record Case(String name, Supplier<Response> send) {
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesWhatItsContractForbidsWithAProblem() {
        JsonNode document = read(Path.of("docs/openapi.json"));
        List<Case> cases = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String method = operation.getKey().toUpperCase(Locale.ROOT);
            if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                return;
            }
            generate(document, method, path.getKey(), operation.getValue(), cases);
        }));
        assertThat(cases).hasSizeGreaterThan(150);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertClearRefusal(c)));
    }

    private static void generate(JsonNode document, String method, String template, JsonNode operation, List<Case> cases) {
        String route = method + " " + template;
        boolean hasId = template.contains("{id}");
        String path = template.replace("{id}", "00000000-0000-4000-8000-000000000000");
        if (hasId) {
            for (String id : BAD_IDS) {
                String bad = template.replace("{id}", id);
                cases.add(new Case(route + " with id " + abbreviate(id), () -> request().urlEncodingEnabled(false).request(method, bad)));
            }
        }
        for (JsonNode parameter : operation.path("parameters")) {
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            for (Object value : forbidden(resolve(document, parameter.path("schema")))) {
                if (!(value instanceof String text)) {
                    continue; // a query value is text: only what its type cannot parse
                }
                cases.add(new Case(route + " ?" + name + "=" + abbreviate(text),
                        () -> request().queryParam(name, text).request(method, hasId ? path : template)));
            }
        }
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (body.isMissingNode()) {
            return;
        }
        String target = hasId ? path : template;
        cases.add(new Case(route + " body not JSON", () -> request().contentType("application/json").body("{\"").request(method, target)));
        cases.add(new Case(route + " body an array", () -> request().contentType("application/json").body("[]").request(method, target)));
        cases.add(new Case(route + " body with an undeclared field", () -> request().contentType("application/json")
                .body("{\"undeclaredField\": 1}").request(method, target)));
        resolve(document, body).path("properties").properties().forEach(property -> {
            for (Object value : forbidden(resolve(document, property.getValue()))) {
                ObjectNode hostile = JSON.createObjectNode();
                hostile.set(property.getKey(), JSON.valueToTree(value));
                cases.add(new Case(route + " body " + property.getKey() + "=" + abbreviate(hostile.get(property.getKey()).toString()),
                        () -> request().contentType("application/json").body(hostile.toString()).request(method, target)));
            }
        });
    }

    /** Values a field of this schema can never take (no coercion reads an object as text, or text as a number). */
    private static List<Object> forbidden(JsonNode schema) {
        String type = type(schema);
        String format = schema.path("format").asText();
        return switch (type) {
            case "integer", "number" -> List.of("not-a-number", "1e999999", Map.of("n", 1));
            case "boolean" -> List.of("maybe", List.of(true));
            case "array" -> List.of(Map.of("not", "a list"), "not a list");
            case "object" -> List.of(List.of(1, 2), "not an object");
            case "string" -> format.equals("uuid")
                    ? List.of("not-a-uuid", Map.of("s", 1)) : List.of(Map.of("s", 1), List.of("a", "b"));
            default -> List.of();
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!one.asText().equals("null")) {
                    return one.asText();
                }
            }
        }
        return type.asText();
    }

    /** The schema a {@code $ref} (or a nullable {@code oneOf} around one) stands for. */
    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (schema.has("$ref")) {
            return resolve(document, document.at(schema.path("$ref").asText().substring(1)));
        }
        if (schema.has("oneOf") && schema.path("oneOf").size() == 2) {
            for (JsonNode option : schema.path("oneOf")) {
                if (!type(option).equals("null")) {
                    return resolve(document, option);
                }
            }
        }
        return schema;
    }

    private static RequestSpecification request() {
        return given().header("Authorization", ADMIN);
    }

    private static void assertClearRefusal(Case c) {
        Response response = c.send().get();
        String body = response.asString();
        assertThat(response.statusCode()).as("%s answered %s", c.name(), abbreviate(body)).isBetween(400, 499);
        assertThat(response.contentType()).as(c.name()).startsWith("application/problem+json");
        assertThat(body).as(c.name()).doesNotContain("Exception", "\tat ", "at dev.shortlist", "at io.", "at java.");
        assertThat(read(body).path("status").asInt()).as(c.name()).isEqualTo(response.statusCode());
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
