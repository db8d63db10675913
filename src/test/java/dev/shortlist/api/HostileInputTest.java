package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile and malformed input against every endpoint, generated: mutations of valid
 * bodies (each field missing, null, of every wrong JSON type, out of range), broken and
 * random bodies, deep nesting, huge numbers and strings, bad ids, cursors, query
 * parameters and headers. Each must be answered 4xx with a problem+json body and no stack
 * trace, and the service must be ready afterwards.
 */
@QuarkusTest
class HostileInputTest {

    private static final String ADMIN = "sl_test_admin_key_for_tests_only";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_TEXT = 100_000;

    /** One request to send: who sends it, how, and what. */
    private record Case(String name, String key, String method, String path, Map<String, String> headers,
            String contentType, byte[] body) {

        Case withHeader(String header, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(header, value);
            return new Case(name, key, method, path, all, contentType, body);
        }
    }

    /** A JSON endpoint: a valid body, and which of its fields are required and which are free text. */
    private record JsonEndpoint(String path, String key, String body, Set<String> required, Set<String> texts,
            Set<String> enums, Set<String> counts, Set<String> openObjects) {
    }

    private String user;
    private String batch;

    private void keyAndBatch() {
        user = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "hostile-" + UUID.randomUUID()))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("key");
        batch = given().auth().oauth2(user).contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", "Java"), "resumes", List.of(Map.of("text", "Java"))))
                .post("/api/v1/batches").then().statusCode(202).extract().path("id");
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedWithAProblemAndTheServiceStaysReady() {
        keyAndBatch();
        List<Case> cases = new ArrayList<>();
        for (JsonEndpoint endpoint : jsonEndpoints()) {
            cases.addAll(bodyMutations(endpoint));
            cases.addAll(brokenBodies(endpoint));
        }
        cases.addAll(badIds());
        cases.addAll(badQueries());
        cases.addAll(badHeaders());
        cases.addAll(badUploads());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);

        Stream<DynamicTest> hostile = cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> refused(c)));
        Stream<DynamicTest> ready = Stream.of(DynamicTest.dynamicTest("the service is ready afterwards",
                () -> given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))));
        return Stream.concat(hostile, ready);
    }

    private static void refused(Case c) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (c.key() != null) {
            request.header("Authorization", "Bearer " + c.key());
        }
        c.headers().forEach(request::header);
        if (c.contentType() != null) {
            request.contentType(c.contentType());
        }
        if (c.body() != null) {
            request.body(c.body());
        }
        Response response = request.request(c.method(), c.path());
        String body = response.asString();
        assertThat(response.statusCode()).as("%s — %s", c.name(), body).isBetween(400, 499);
        assertThat(response.contentType()).as("%s — %s", c.name(), body).startsWith("application/problem+json");
        assertThat(body).doesNotContain("Exception", "\tat ", "java.", "dev.shortlist", "jackson");
    }

    private List<JsonEndpoint> jsonEndpoints() {
        return List.of(
                new JsonEndpoint("/api/v1/jobs", user, """
                        {"type": "score", "resume": {"text": "Java developer, Kafka"}, "jobDescription": {"text": "Java"},
                         "priority": "normal", "options": {}}""",
                        Set.of("/type", "/resume", "/jobDescription", "/resume/text", "/jobDescription/text"),
                        Set.of("/resume/text", "/jobDescription/text"), Set.of("/type", "/priority"), Set.of(),
                        Set.of("/options")),
                new JsonEndpoint("/api/v1/batches", user, """
                        {"type": "score", "jobDescription": {"text": "Java"}, "priority": "bulk", "options": {},
                         "resumes": [{"externalId": "cand-1", "text": "Java developer"}, {"text": "Kotlin developer"}]}""",
                        Set.of("/type", "/jobDescription", "/jobDescription/text", "/resumes", "/resumes/0/text"),
                        Set.of("/jobDescription/text", "/resumes/0/text", "/resumes/1/text"), Set.of("/type", "/priority"),
                        Set.of(), Set.of("/options")),
                new JsonEndpoint("/api/v1/admin/keys", ADMIN, """
                        {"name": "hostile", "role": "user",
                         "limits": {"submitPerMinute": 5, "uploadPerMinute": 5, "readPerMinute": 5, "jobsPerDay": 50,
                                    "jobsPerDayByType": {"tailor": 5}}}""",
                        Set.of("/name"), Set.of(), Set.of("/role"),
                        Set.of("/limits/submitPerMinute", "/limits/uploadPerMinute", "/limits/readPerMinute",
                                "/limits/jobsPerDay", "/limits/jobsPerDayByType/tailor"),
                        Set.of()));
    }

    /** Each field missing (if required), null (if required), of each wrong JSON type, and out of its range. */
    private static List<Case> bodyMutations(JsonEndpoint endpoint) {
        JsonNode valid = parse(endpoint.body());
        List<Case> cases = new ArrayList<>();
        for (String path : paths(valid, "")) {
            JsonNode original = valid.at(path);
            if (endpoint.required().contains(path)) {
                cases.add(json(endpoint, path + " missing", without(valid, path)));
                cases.add(json(endpoint, path + " null", with(valid, path, NODES.nullNode())));
            }
            for (JsonNode wrong : List.of(NODES.numberNode(123), NODES.numberNode(1.5), NODES.booleanNode(true),
                    NODES.arrayNode().add("x"), NODES.objectNode().put("x", 1), NODES.textNode("text"))) {
                if (wrong.getNodeType() != original.getNodeType() && !(original.isNumber() && wrong.isNumber() && wrong.isIntegralNumber())) {
                    cases.add(json(endpoint, path + " as " + wrong.getNodeType(), with(valid, path, wrong)));
                }
            }
            if (original.isObject() && !endpoint.openObjects().contains(path) && !path.endsWith("jobsPerDayByType")) {
                cases.add(json(endpoint, path + " with an unknown field", with(valid, path + "/surprise", NODES.textNode("x"))));
            }
        }
        cases.add(json(endpoint, "unknown top-level field", with(valid, "/surprise", NODES.textNode("x"))));
        for (String text : endpoint.texts()) {
            cases.add(json(endpoint, text + " with NUL", with(valid, text, NODES.textNode("Java\u0000developer"))));
            cases.add(json(endpoint, text + " with escape", with(valid, text, NODES.textNode("Java\u001b[31mdeveloper"))));
            cases.add(jsonText(endpoint, text + " with a lone surrogate", with(valid, text, NODES.textNode("Java @ developer"))
                    .toString().replace("Java @ developer", "Java \\ud800 developer")));
            cases.add(json(endpoint, text + " over the length cap", with(valid, text, NODES.textNode("a".repeat(MAX_TEXT + 1)))));
            cases.add(json(endpoint, text + " far over the string limit", with(valid, text, NODES.textNode("a".repeat(800_000)))));
        }
        for (String field : endpoint.enums()) {
            for (String bad : List.of("", "SCORE!", "sc ore", "nörmal", "x".repeat(500))) {
                cases.add(json(endpoint, field + " = '" + bad.substring(0, Math.min(bad.length(), 10)) + "'",
                        with(valid, field, NODES.textNode(bad))));
            }
        }
        for (String field : endpoint.counts()) {
            for (String bad : List.of("0", "-5", "99999999999999999999", "1e400", "2.5", "-0.0")) {
                cases.add(jsonText(endpoint, field + " = " + bad, with(valid, field, NODES.textNode("#")).toString()
                        .replace("\"#\"", bad)));
            }
        }
        return cases;
    }

    /** Bodies that are not the JSON asked for at all. */
    private static List<Case> brokenBodies(JsonEndpoint endpoint) {
        List<Case> cases = new ArrayList<>();
        String valid = endpoint.body();
        for (String body : List.of("", "null", "[]", "\"score\"", "123", "true", "{", "}", "{\"type\":", "{'type': 'score'}",
                "{\"type\": \"score\",}", "{\"type\" \"score\"}", "[{}]", "{\"a\":1}{\"b\":2}x")) {
            cases.add(jsonText(endpoint, "body " + body, body));
        }
        for (int cut = 1; cut <= 9; cut++) {
            cases.add(jsonText(endpoint, "cut at " + cut + "/10", valid.substring(0, valid.length() * cut / 10)));
        }
        Random random = new Random(endpoint.path().hashCode());
        for (int i = 0; i < 12; i++) {
            byte[] bytes = new byte[1 + random.nextInt(2048)];
            random.nextBytes(bytes);
            cases.add(new Case(endpoint.path() + " random bytes #" + i, endpoint.key(), "POST", endpoint.path(), Map.of(),
                    "application/json", bytes));
        }
        byte[] controlInKey = valid.replaceFirst("\"", "\"\u0001").getBytes(StandardCharsets.UTF_8);
        byte[] withBadBytes = new String(valid).replaceFirst("\"[a-z]+\"", "\"@@\"").getBytes(StandardCharsets.UTF_8);
        int at = new String(withBadBytes, StandardCharsets.UTF_8).indexOf("@@");
        withBadBytes[at] = (byte) 0xC3;
        withBadBytes[at + 1] = (byte) 0x28;
        cases.add(new Case(endpoint.path() + " invalid UTF-8", endpoint.key(), "POST", endpoint.path(), Map.of(), "application/json",
                withBadBytes));
        cases.add(new Case(endpoint.path() + " control character in a key", endpoint.key(), "POST", endpoint.path(), Map.of(),
                "application/json", controlInKey));
        cases.add(jsonText(endpoint, "nested 10000 deep", "[".repeat(10_000) + "]".repeat(10_000)));
        cases.add(jsonText(endpoint, "object nested 200 deep", "{\"a\":".repeat(200) + "1" + "}".repeat(200)));
        cases.add(jsonText(endpoint, "options nested 100 deep", valid.replaceFirst("\\{", "{\"options\": "
                + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + ",")));
        cases.add(jsonText(endpoint, "a 5000-digit number", valid.replaceFirst("\\{", "{\"n\": " + "9".repeat(5000) + ",")));
        cases.add(new Case(endpoint.path() + " as text/plain", endpoint.key(), "POST", endpoint.path(), Map.of(), "text/plain",
                valid.getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case(endpoint.path() + " as XML", endpoint.key(), "POST", endpoint.path(), Map.of(), "application/xml",
                "<job><type>score</type></job>".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case(endpoint.path() + " as CSV", endpoint.key(), "POST", endpoint.path(), Map.of(),
                "text/csv", "type,score".getBytes(StandardCharsets.UTF_8)));
        return cases;
    }

    private List<Case> badIds() {
        List<Case> cases = new ArrayList<>();
        List<String> ids = List.of("not-a-uuid", "123", "%00", "%27%20OR%201%3D1--", "x".repeat(300),
                UUID.randomUUID().toString(), "00000000-0000-0000-0000-00000000000g", "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE");
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("/api/v1/jobs/%s", "GET");
        routes.put("/api/v1/jobs/%s/cancel", "POST");
        routes.put("/api/v1/jobs/%s/events", "GET");
        routes.put("/api/v1/batches/%s", "GET");
        routes.put("/api/v1/batches/%s/cancel", "POST");
        routes.put("/api/v1/batches/%s/shortlist", "GET");
        routes.put("/api/v1/documents/%s", "GET");
        routes.put("/api/v1/admin/keys/%s/revoke", "POST");
        routes.forEach((route, method) -> {
            String key = route.startsWith("/api/v1/admin") ? ADMIN : user;
            for (String id : ids) {
                cases.add(new Case(method + " " + route + " id " + id.substring(0, Math.min(20, id.length())), key, method,
                        String.format(route, id), Map.of(), null, null));
            }
        });
        return cases;
    }

    private List<Case> badQueries() {
        List<Case> cases = new ArrayList<>();
        String garbageCursor = Base64.getUrlEncoder().encodeToString("x:y".getBytes(StandardCharsets.US_ASCII));
        for (String query : List.of("limit=-1", "limit=0", "limit=201", "limit=abc", "limit=1e3", "limit=99999999999",
                "status=bogus", "type=juggle", "type=%00", "batch=not-a-uuid", "batch=1", "cursor=garbage",
                "cursor=AAAA", "cursor=" + garbageCursor, "cursor=%FF%FE", "limit=abc&limit=1")) {
            cases.add(new Case("GET jobs?" + query, user, "GET", "/api/v1/jobs?" + query, Map.of(), null, null));
        }
        for (String query : List.of("top=0", "top=-1", "top=abc", "top=10001", "format=xml", "format=%00", "top=1e2")) {
            cases.add(new Case("GET shortlist?" + query, user, "GET", "/api/v1/batches/" + batch + "/shortlist?" + query,
                    Map.of(), null, null));
        }
        for (String query : List.of("limit=0", "limit=201", "limit=abc", "cursor=garbage", "cursor=" + garbageCursor,
                "kind=" + "k".repeat(200))) {
            cases.add(new Case("GET audit?" + query, ADMIN, "GET", "/api/v1/admin/audit?" + query, Map.of(), null, null));
        }
        return cases;
    }

    private List<Case> badHeaders() {
        List<Case> cases = new ArrayList<>();
        List<String[]> routes = List.of(new String[] { "GET", "/api/v1/jobs" }, new String[] { "GET", "/api/v1/usage" },
                new String[] { "GET", "/api/v1/admin/keys" }, new String[] { "GET", "/api/v1/admin/audit" },
                new String[] { "GET", "/api/v1/batches/" + UUID.randomUUID() },
                new String[] { "GET", "/api/v1/documents/" + UUID.randomUUID() },
                new String[] { "POST", "/api/v1/jobs" }, new String[] { "POST", "/api/v1/batches" });
        List<String> authorizations = List.of("Bearer sl_not_a_key", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer",
                "bearer " + ADMIN, "Bearer " + "x".repeat(6000), "Token " + ADMIN, "Bearer sl_" + "\u00e9t\u00e9");
        for (String[] route : routes) {
            for (String authorization : authorizations) {
                cases.add(new Case(route[0] + " " + route[1] + " Authorization: " + authorization.substring(0, Math.min(16, authorization.length())),
                        null, route[0], route[1], Map.of("Authorization", authorization), null, null));
            }
        }
        for (String adminRoute : List.of("/api/v1/admin/keys", "/api/v1/admin/audit")) {
            cases.add(new Case("user key on " + adminRoute, user, "GET", adminRoute, Map.of(), null, null));
        }
        cases.add(new Case("user key creates a key", user, "POST", "/api/v1/admin/keys", Map.of(), "application/json",
                "{\"name\": \"mine\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] big = ("{\"type\": \"score\", \"resume\": {\"text\": \"" + "a".repeat(1_100_000) + "\"}, \"jobDescription\": {\"text\": \"Java\"}}")
                .getBytes(StandardCharsets.UTF_8);
        cases.add(new Case("job submit over the body cap", user, "POST", "/api/v1/jobs", Map.of(), "application/json", big));
        return cases;
    }

    private List<Case> badUploads() {
        List<Case> cases = new ArrayList<>();
        Random random = new Random(7);
        for (String type : List.of("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "image/png", "application/octet-stream", "application/json")) {
            byte[] bytes = new byte[64 + random.nextInt(4096)];
            random.nextBytes(bytes);
            cases.add(new Case("upload random bytes as " + type, user, "POST", "/api/v1/documents", Map.of(), type, bytes));
        }
        cases.add(new Case("upload an empty text", user, "POST", "/api/v1/documents", Map.of(), "text/plain", new byte[0]));
        cases.add(new Case("upload over the size cap", user, "POST", "/api/v1/documents", Map.of(), "text/plain",
                "resume line\n".repeat(300_000).getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("upload a PDF header only", user, "POST", "/api/v1/documents", Map.of(), "application/pdf",
                "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        return cases;
    }

    private static Case json(JsonEndpoint endpoint, String name, JsonNode body) {
        return jsonText(endpoint, name, body.toString());
    }

    private static Case jsonText(JsonEndpoint endpoint, String name, String body) {
        String shown = name.length() > 60 ? name.substring(0, 60) + "…" : name;
        return new Case("POST " + endpoint.path() + " " + shown, endpoint.key(), "POST", endpoint.path(), Map.of(),
                "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Every JSON pointer in the tree below the root. */
    private static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String path = prefix + "/" + field.getKey();
                paths.add(path);
                paths.addAll(paths(field.getValue(), path));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String path = prefix + "/" + i;
                paths.add(path);
                paths.addAll(paths(node.get(i), path));
            }
        }
        return paths;
    }

    private static JsonNode with(JsonNode valid, String path, JsonNode value) {
        JsonNode copy = valid.deepCopy();
        int slash = path.lastIndexOf('/');
        JsonNode parent = copy.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    private static JsonNode without(JsonNode valid, String path) {
        JsonNode copy = valid.deepCopy();
        int slash = path.lastIndexOf('/');
        JsonNode parent = copy.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
        return copy;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
