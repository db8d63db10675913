package dev.shortlist.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every JSON answer any Quarkus test receives through REST Assured is checked against the API
 * contract (docs/openapi.json, which OpenApiDocumentTest holds equal to what the service
 * serves): its status must be one the operation documents, its media type one that status
 * documents, and its body must validate against that schema. Installed once for the whole
 * suite (META-INF/services), so no test has to remember it.
 */
public final class ContractCheck implements Filter, QuarkusTestBeforeEachCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCUMENT = Path.of("docs/openapi.json");
    private static final ContractCheck INSTANCE = new ContractCheck();
    private static volatile boolean installed;

    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private volatile ObjectNode document;
    private volatile List<Route> routes;

    private record Route(Pattern pattern, String template, int parameters) {
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!installed) {
            installed = true;
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getPath();
        if (path.startsWith("/api/")) {
            check(request.getMethod().toLowerCase(Locale.ROOT), path, response);
        }
        return response;
    }

    private void check(String method, String path, Response response) {
        Optional<Route> route = route(path);
        if (route.isEmpty()) {
            return; // no such path: the 404 of a path the API never had
        }
        JsonNode operation = document().path("paths").path(route.get().template()).path(method);
        if (operation.isMissingNode()) {
            return; // a method the path does not have (405)
        }
        String where = method.toUpperCase(Locale.ROOT) + " " + path + " → " + response.statusCode();
        String status = String.valueOf(response.statusCode());
        JsonNode answer = resolve(operation.path("responses").path(status));
        if (answer.isMissingNode()) {
            throw new AssertionError("The API contract (docs/openapi.json) does not document " + where + " for "
                    + operation.path("operationId").asText() + ":\n" + response.asString());
        }
        String contentType = response.contentType() == null ? "" : response.contentType().split(";")[0].strip();
        if (!contentType.endsWith("json") || response.asByteArray().length == 0) {
            return;
        }
        JsonNode media = answer.path("content").path(contentType);
        if (media.isMissingNode()) {
            throw new AssertionError("The API contract does not document " + contentType + " for " + where
                    + "; it documents " + answer.path("content").properties().stream().map(Map.Entry::getKey).toList());
        }
        String pointer = pointer(answer, route.get().template(), method, status, contentType);
        JsonNode body;
        try {
            body = JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new AssertionError(where + " is not JSON: " + response.asString(), e);
        }
        List<Error> errors = schemas.computeIfAbsent(pointer, this::schemaAt).validate(body);
        if (!errors.isEmpty()) {
            throw new AssertionError("The answer to " + where + " does not match the API contract (docs/openapi.json, "
                    + pointer + "):\n  " + String.join("\n  ", errors.stream().map(Error::toString).toList())
                    + "\nbody: " + abbreviate(body.toString()));
        }
    }

    /** The JSON pointer of the schema, following a response $ref into components. */
    private String pointer(JsonNode answer, String template, String method, String status, String contentType) {
        JsonNode raw = document().path("paths").path(template).path(method).path("responses").path(status);
        String base = raw.has("$ref") ? raw.get("$ref").asText()
                : "#/paths/" + escape(template) + "/" + method + "/responses/" + status;
        return base + "/content/" + escape(contentType) + "/schema";
    }

    private Schema schemaAt(String pointer) {
        ObjectNode root = document().deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", pointer);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("urn:shortlist:openapi"), root);
    }

    private JsonNode resolve(JsonNode answer) {
        if (answer.has("$ref")) {
            return document().at(answer.get("$ref").asText().substring(1));
        }
        return answer;
    }

    /** The most literal template that matches: /documents/bulk before /documents/{id}. */
    private Optional<Route> route(String path) {
        if (routes == null) {
            routes = document().path("paths").properties().stream().map(Map.Entry::getKey)
                    .map(template -> new Route(Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")), template,
                            template.split("\\{", -1).length - 1))
                    .toList();
        }
        return routes.stream().filter(route -> route.pattern().matcher(path).matches())
                .min(Comparator.comparingInt(Route::parameters));
    }

    private ObjectNode document() {
        if (document == null) {
            try {
                document = (ObjectNode) JSON.readTree(Files.readString(DOCUMENT));
            } catch (IOException e) {
                throw new UncheckedIOException("the API contract " + DOCUMENT + " cannot be read", e);
            }
        }
        return document;
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
    }

    private static String abbreviate(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }
}
