package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input across every endpoint, generated: each valid body mutated field by field
 * (wrong types, bad enum values, unknown fields, control characters, oversize and
 * nested values, huge numbers), raw bodies that are not JSON or not UTF-8, and bad ids,
 * cursors, query parameters and headers. Every answer must be a 4xx problem+json without
 * a trace of the code behind it, and the service must stay ready afterwards.
 */
@QuarkusTest
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Bearer sl_test_admin_key_for_tests_only";

    /** One request to send. */
    private record Case(String name, Supplier<Response> send) {
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestGetsAClear4xxProblem() {
        List<Case> cases = new ArrayList<>();
        jsonBodies(cases, "POST /api/v1/jobs", "/api/v1/jobs", validJob(), null);
        jsonBodies(cases, "POST /api/v1/jobs generate", "/api/v1/jobs", validGenerate(), null);
        jsonBodies(cases, "POST /api/v1/batches", "/api/v1/batches", validBatch(), null);
        jsonBodies(cases, "POST /api/v1/admin/keys", "/api/v1/admin/keys", validKey(), ADMIN);
        rawBodies(cases);
        badPaths(cases);
        badQueries(cases);
        badHeaders(cases);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        return Stream.concat(cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertClearRefusal(c))),
                Stream.of(DynamicTest.dynamicTest("afterwards the service is ready and accepts a valid job", () -> {
                    given().get("/q/health/ready").then().statusCode(200);
                    given().contentType("application/json").body(validJob().toString()).post("/api/v1/jobs").then().statusCode(202);
                })));
    }

    private static void assertClearRefusal(Case c) {
        Response response = c.send().get();
        String body = response.asString();
        assertThat(response.statusCode()).as("%s answered %s", c.name(), body).isBetween(400, 499);
        assertThat(response.contentType()).as(c.name()).startsWith("application/problem+json");
        assertThat(body).as(c.name()).doesNotContain("Exception", "\tat ", "at dev.shortlist", "at io.", "at java.");
        JsonNode problem = readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("title").asText()).isNotBlank();
    }

    // ---- bodies ---------------------------------------------------------------------------------

    private static ObjectNode validJob() {
        return (ObjectNode) readTree("""
                {"type": "score", "resume": {"text": "Java developer"}, "jobDescription": {"text": "Java"},
                 "priority": "normal", "options": {}}""");
    }

    private static ObjectNode validGenerate() {
        return (ObjectNode) readTree("""
                {"type": "generate", "profile": {"name": "Ada Park", "skills": ["Java"],
                 "experience": [{"title": "Engineer", "highlights": ["Java services"]}]}, "jobDescription": {"text": "Java"}}""");
    }

    private static ObjectNode validBatch() {
        return (ObjectNode) readTree("""
                {"type": "score", "jobDescription": {"text": "Java"},
                 "resumes": [{"externalId": "a", "text": "Java developer"}], "priority": "bulk"}""");
    }

    private static ObjectNode validKey() {
        return (ObjectNode) readTree("""
                {"name": "hostile", "role": "user", "limits": {"submitPerMinute": 5, "jobsPerDay": 10}}""");
    }

    /** Values that are wrong for any field, each its own case. */
    private static final List<Map.Entry<String, String>> BAD_VALUES = List.of(
            Map.entry("number", "12"),
            Map.entry("negative", "-1"),
            Map.entry("true", "true"),
            Map.entry("null", "null"),
            Map.entry("empty string", "\"\""),
            Map.entry("blank string", "\"   \""),
            Map.entry("array", "[1, 2]"),
            Map.entry("empty object", "{}"),
            Map.entry("bad enum", "\"SCORE; DROP TABLE jobs\""),
            Map.entry("huge number", "1" + "0".repeat(400)),
            Map.entry("huge exponent", "1e999999"),
            Map.entry("NaN-like", "\"NaN\""),
            Map.entry("NUL character", "\"Java\\u0000developer\""),
            Map.entry("control characters", "\"Java\\u0007\\u001b[31m developer\""),
            Map.entry("lone surrogate", "\"Java \\ud800 developer\""),
            Map.entry("reversed surrogates", "\"Java \\udc00\\ud800 developer\""),
            Map.entry("deep nesting", "[".repeat(200) + "]".repeat(200)),
            Map.entry("deep objects", "{\"a\":".repeat(100) + "1" + "}".repeat(100)));

    private static void jsonBodies(List<Case> cases, String name, String path, ObjectNode valid, String auth) {
        for (String pointer : pointers(valid, "")) {
            for (Map.Entry<String, String> bad : BAD_VALUES) {
                String body = replaced(valid, pointer, bad.getValue());
                if (body == null) {
                    continue;
                }
                cases.add(new Case(name + " " + pointer + " = " + bad.getKey(), () -> post(path, body, auth)));
            }
            String withoutIt = removed(valid, pointer);
            if (withoutIt != null && isRequired(pointer)) {
                cases.add(new Case(name + " without " + pointer, () -> post(path, withoutIt, auth)));
            }
        }
        ObjectNode unknown = valid.deepCopy();
        unknown.put("isAdmin", true);
        cases.add(new Case(name + " unknown top-level field", () -> post(path, unknown.toString(), auth)));
        cases.add(new Case(name + " empty object", () -> post(path, "{}", auth)));
        cases.add(new Case(name + " JSON array", () -> post(path, "[]", auth)));
        cases.add(new Case(name + " JSON string", () -> post(path, "\"score\"", auth)));
        cases.add(new Case(name + " JSON null", () -> post(path, "null", auth)));
        cases.add(new Case(name + " truncated", () -> post(path, valid.toString().substring(0, valid.toString().length() / 2), auth)));
        cases.add(new Case(name + " trailing garbage", () -> post(path, valid + "}}}", auth)));
        cases.add(new Case(name + " comments", () -> post(path, "/* hi */" + valid, auth)));
        cases.add(new Case(name + " single quotes", () -> post(path, valid.toString().replace('"', '\''), auth)));
        cases.add(new Case(name + " duplicate-free huge array", () -> post(path, "[" + "1,".repeat(50_000) + "1]", auth)));
    }

    /** JSON pointers to every value of a body, nested ones included. */
    private static List<String> pointers(JsonNode node, String prefix) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String pointer = prefix + "/" + field.getKey();
                found.add(pointer);
                found.addAll(pointers(field.getValue(), pointer));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String pointer = prefix + "/" + i;
                found.add(pointer);
                found.addAll(pointers(node.get(i), pointer));
            }
        }
        return found;
    }

    /** Fields a request cannot do without (removing an optional one is not an error). */
    private static boolean isRequired(String pointer) {
        return pointer.equals("/type") || pointer.equals("/jobDescription") || pointer.equals("/resume")
                || pointer.equals("/resumes") || pointer.equals("/name") || pointer.equals("/profile")
                || pointer.endsWith("/text");
    }

    /**
     * The body with the value at {@code pointer} replaced by raw JSON text, or null where
     * that value would still be acceptable: free text set to other text, an optional field
     * set to null, options set to an empty object, a number limit set to another number,
     * or anything but the candidate's name inside a free-form profile.
     */
    private static String replaced(ObjectNode valid, String pointer, String raw) {
        if (!wrongAt(pointer, raw)) {
            return null;
        }
        ObjectNode copy = valid.deepCopy();
        JsonNode parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (parent instanceof ObjectNode object) {
            object.put(last, "@@HOSTILE@@");
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), array.textNode("@@HOSTILE@@"));
        } else {
            return null;
        }
        return copy.toString().replace("\"@@HOSTILE@@\"", raw);
    }

    private static final List<String> FREE_TEXT = List.of("/resume/text", "/jobDescription/text", "/resumes/0/text", "/name",
            "/resumes/0/externalId", "/profile/name");
    private static final List<String> OPTIONAL = List.of("/priority", "/options", "/role", "/limits", "/resumes/0/externalId",
            "/limits/submitPerMinute", "/limits/jobsPerDay");

    /** Whether {@code raw} is a wrong value at {@code pointer}. */
    private static boolean wrongAt(String pointer, String raw) {
        boolean alwaysWrong = raw.contains("\\u00") || raw.contains("\\ud") || raw.startsWith("[[") || raw.startsWith("{\"a\"") || raw.startsWith("1e")
                || raw.startsWith("10000");
        if (alwaysWrong) {
            return true;
        }
        if (pointer.startsWith("/profile/") && !pointer.equals("/profile/name")) {
            return false; // a free-form profile takes any shape inside
        }
        if (raw.equals("null") && OPTIONAL.contains(pointer)) {
            return false;
        }
        if (raw.equals("{}") && (pointer.equals("/options") || pointer.equals("/limits"))) {
            return false;
        }
        boolean text = raw.startsWith("\"");
        boolean blank = raw.equals("\"\"") || raw.equals("\"   \"");
        if (FREE_TEXT.contains(pointer)) {
            return !text || (blank && !pointer.equals("/resumes/0/externalId"));
        }
        if (pointer.startsWith("/limits/")) {
            return !raw.equals("12");
        }
        return true;
    }

    private static String removed(ObjectNode valid, String pointer) {
        ObjectNode copy = valid.deepCopy();
        JsonNode parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
        if (parent instanceof ObjectNode object) {
            object.remove(pointer.substring(pointer.lastIndexOf('/') + 1));
            return copy.toString();
        }
        return null;
    }

    private static void rawBodies(List<Case> cases) {
        byte[] invalidUtf8 = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        for (String path : List.of("/api/v1/jobs", "/api/v1/batches", "/api/v1/admin/keys")) {
            String auth = path.contains("admin") ? ADMIN : null;
            cases.add(new Case("POST " + path + " invalid UTF-8", () -> postBytes(path, invalidUtf8, "application/json", auth)));
            cases.add(new Case("POST " + path + " overlong UTF-8", () -> postBytes(path, overlong, "application/json", auth)));
            cases.add(new Case("POST " + path + " not JSON", () -> post(path, "type=score&resume=x", auth)));
            cases.add(new Case("POST " + path + " empty body", () -> post(path, "", auth)));
            cases.add(new Case("POST " + path + " XML", () -> postBytes(path, "<job/>".getBytes(StandardCharsets.UTF_8), "application/xml", auth)));
            cases.add(new Case("POST " + path + " plain text", () -> postBytes(path, "score it".getBytes(StandardCharsets.UTF_8), "text/plain", auth)));
            cases.add(new Case("POST " + path + " binary zeros", () -> postBytes(path, new byte[64], "application/json", auth)));
            cases.add(new Case("POST " + path + " BOM only", () -> postBytes(path, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "application/json", auth)));
        }
        cases.add(new Case("POST /api/v1/jobs body over its cap", () -> post("/api/v1/jobs",
                "{\"type\":\"score\",\"resume\":{\"text\":\"" + "a".repeat(1_100_000) + "\"},\"jobDescription\":{\"text\":\"Java\"}}", null)));
        cases.add(new Case("POST /api/v1/jobs resume over its length cap", () -> post("/api/v1/jobs",
                "{\"type\":\"score\",\"resume\":{\"text\":\"" + "a ".repeat(260_000) + "\"},\"jobDescription\":{\"text\":\"Java\"}}", null)));
        cases.add(new Case("POST /api/v1/documents empty", () -> postBytes("/api/v1/documents", new byte[0], "application/pdf", null)));
        cases.add(new Case("POST /api/v1/documents garbage as PDF", () -> postBytes("/api/v1/documents",
                "not a pdf at all".getBytes(StandardCharsets.UTF_8), "application/pdf", null)));
        cases.add(new Case("POST /api/v1/documents binary as text", () -> postBytes("/api/v1/documents",
                new byte[] {0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE}, "text/plain", null)));
        cases.add(new Case("POST /api/v1/documents truncated PDF", () -> postBytes("/api/v1/documents",
                "%PDF-1.7\n1 0 obj\n<<>>\n".getBytes(StandardCharsets.UTF_8), "application/pdf", null)));
        cases.add(new Case("POST /api/v1/documents fake DOCX", () -> postBytes("/api/v1/documents",
                new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", null)));
        cases.add(new Case("POST /api/v1/documents image", () -> postBytes("/api/v1/documents",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, "image/png", null)));
    }

    private static final List<String> BAD_IDS = List.of("not-a-uuid", "123", "00000000-0000-0000-0000-000000000000",
            "%27%20OR%201%3D1--", "..%2F..%2Fetc%2Fpasswd", "x".repeat(300), "%00", "%E2%80%AE", "6f1c5a5e-zzzz-4b4b-9c9c-123456789abc",
            "de305d54-75b4-431b-adb2-eb6b9e546014");

    private static void badPaths(List<Case> cases) {
        for (String id : BAD_IDS) {
            cases.add(new Case("GET job " + id, () -> get("/api/v1/jobs/" + id, null)));
            cases.add(new Case("cancel job " + id, () -> post("/api/v1/jobs/" + id + "/cancel", "", null)));
            cases.add(new Case("retry job " + id, () -> post("/api/v1/jobs/" + id + "/retry", "", null)));
            cases.add(new Case("events of job " + id, () -> get("/api/v1/jobs/" + id + "/events", null)));
            cases.add(new Case("result of job " + id, () -> get("/api/v1/jobs/" + id + "/result", null)));
            cases.add(new Case("GET batch " + id, () -> get("/api/v1/batches/" + id, null)));
            cases.add(new Case("cancel batch " + id, () -> post("/api/v1/batches/" + id + "/cancel", "", null)));
            cases.add(new Case("shortlist of batch " + id, () -> get("/api/v1/batches/" + id + "/shortlist", null)));
            cases.add(new Case("GET document " + id, () -> get("/api/v1/documents/" + id, null)));
            cases.add(new Case("revoke key " + id, () -> post("/api/v1/admin/keys/" + id + "/revoke", "", ADMIN)));
        }
        cases.add(new Case("unknown route", () -> get("/api/v1/nothing-here", null)));
        cases.add(new Case("unknown version", () -> get("/api/v2/jobs", null)));
        cases.add(new Case("DELETE jobs", () -> given().delete("/api/v1/jobs")));
        cases.add(new Case("PUT job", () -> given().contentType("application/json").body("{}").put("/api/v1/jobs/" + BAD_IDS.get(2))));
        cases.add(new Case("PATCH batches", () -> given().contentType("application/json").body("{}").patch("/api/v1/batches")));
    }

    private static void badQueries(List<Case> cases) {
        for (String query : List.of("status=bogus", "type=resume", "type=SCORE%00", "limit=0", "limit=-5",
                "limit=1000000", "limit=abc", "limit=1e3", "cursor=garbage", "cursor=%00%00", "cursor=" + "A".repeat(500),
                "batch=not-a-uuid", "batch=%27")) {
            cases.add(new Case("list jobs ?" + query, () -> get("/api/v1/jobs?" + query, null)));
        }
        for (String query : List.of("status=bogus", "type=generate", "type=%00", "limit=0", "limit=201", "limit=abc",
                "cursor=garbage", "cursor=" + "A".repeat(500), "createdAfter=yesterday", "createdBefore=%27%20OR%201%3D1--",
                "createdAfter=" + "9".repeat(40))) {
            cases.add(new Case("list batches ?" + query, () -> get("/api/v1/batches?" + query, null)));
        }
        for (String query : List.of("contentType=image/gif", "contentType=%00", "contentType=" + "t".repeat(500), "limit=-1",
                "limit=1e3", "cursor=%00%00", "createdAfter=2026-02-30T00:00:00Z", "createdBefore=now")) {
            cases.add(new Case("list documents ?" + query, () -> get("/api/v1/documents?" + query, null)));
        }
        for (String query : List.of("top=-1", "top=0", "top=abc", "top=100000000", "format=xml", "format=%00")) {
            cases.add(new Case("shortlist ?" + query, () -> get("/api/v1/batches/" + BAD_IDS.get(2) + "/shortlist?" + query, null)));
        }
        for (String query : List.of("format=xml", "format=", "format=%00", "format=pdf%20docx")) {
            cases.add(new Case("result ?" + query, () -> get("/api/v1/jobs/" + BAD_IDS.get(9) + "/result?" + query, null)));
        }
        for (String query : List.of("limit=0", "limit=100000", "limit=x", "cursor=abc", "cursor=-", "kind=DROP%20TABLE", "kind=" + "k".repeat(60))) {
            cases.add(new Case("audit ?" + query, () -> get("/api/v1/admin/audit?" + query, ADMIN)));
        }
    }

    private static void badHeaders(List<Case> cases) {
        for (String authorization : List.of("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer sl_x", "Bearer sl_" + "x".repeat(5000),
                "Bearer \u00e9\u00e8", "Token abc", "Bearer sl_valid_looking_but_unknown", "Bearer  sl_double_space")) {
            cases.add(new Case("Authorization: " + authorization.substring(0, Math.min(30, authorization.length())),
                    () -> given().header("Authorization", authorization).get("/api/v1/jobs")));
        }
        cases.add(new Case("admin route without a key", () -> get("/api/v1/admin/keys", null)));
        cases.add(new Case("Idempotency-Key too long", () -> given().contentType("application/json").header("Idempotency-Key", "k".repeat(500))
                .body(validJob().toString()).post("/api/v1/jobs")));
        cases.add(new Case("Accept nothing we make", () -> given().accept("application/x-nothing").get("/api/v1/jobs/" + BAD_IDS.get(9))));
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private static RequestSpecification request(String auth) {
        RequestSpecification request = given();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return request;
    }

    private static Response post(String path, String body, String auth) {
        return request(auth).contentType("application/json").body(body).post(path);
    }

    private static Response postBytes(String path, byte[] body, String contentType, String auth) {
        return request(auth).contentType(contentType).body(body).post(path);
    }

    private static Response get(String path, String auth) {
        return request(auth).urlEncodingEnabled(false).get(path);
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text.substring(0, Math.min(200, text.length())), e);
        }
    }
}
