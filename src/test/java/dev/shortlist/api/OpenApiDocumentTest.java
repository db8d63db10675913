package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The contract clients are generated from cannot change unnoticed: what /q/openapi serves is
 * docs/openapi.json, byte for byte after formatting. A change to the API shows up as a change
 * to that file in review. To accept one: {@code cp target/openapi.json docs/openapi.json}.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path COMMITTED = Path.of("docs/openapi.json");
    private static final Path SERVED = Path.of("target/openapi.json");

    @Test
    void servedDocumentIsTheCommittedOne() throws IOException {
        String served = JSON.writeValueAsString(JSON.readTree(given().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString())) + "\n";
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, served);
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        assertThat(served.equals(committed)).as(() -> "The API contract changed. If the change is meant, review it and refresh the copy:\n"
                + "    cp " + SERVED + " " + COMMITTED + "\n"
                + "What differs (committed → served):\n" + differences(committed, served)).isTrue();
    }

    @Test
    void everyOperationIsNamedSecuredAndAnswersErrorsAsProblems() throws IOException {
        JsonNode document = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        assertThat(document.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        Set<String> ids = new TreeSet<>();
        List<String> untyped = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String route = op.getKey().toUpperCase() + " " + path.getKey();
            assertThat(ids.add(op.getValue().path("operationId").asText())).as("a unique operationId on " + route).isTrue();
            assertThat(op.getValue().path("security")).as("security on " + route).isNotEmpty();
            op.getValue().get("responses").properties().forEach(answer -> {
                JsonNode content = answer.getValue().path("content");
                boolean error = answer.getKey().startsWith("4") || answer.getKey().startsWith("5");
                boolean bodyless = answer.getKey().equals("204") || answer.getValue().has("$ref");
                if (error && !bodyless && !content.has(Problem.MEDIA_TYPE) || !error && !bodyless && content.isEmpty()) {
                    untyped.add(route + " " + answer.getKey());
                }
            });
        }));
        assertThat(untyped).as("answers without a schema").isEmpty();
        assertThat(ids).contains("submitJob", "getJob", "listJobs", "cancelJob", "retryJob", "submitBatch", "getShortlist",
                "uploadDocument");
        assertThat(document.at("/components/schemas/Job/discriminator/propertyName").asText()).isEqualTo("type");
        assertThat(document.at("/components/schemas/ScoreResult/properties/evidence/items/$ref").asText())
                .isEqualTo("#/components/schemas/Evidence");
        assertThat(document.at("/components/schemas/Evidence/required").toString()).contains("quote");
    }

    /** The changed lines with a little context, as far as a reader needs to see what moved. */
    private static String differences(String committed, String served) {
        List<String> before = committed.lines().toList();
        List<String> after = served.lines().toList();
        int start = 0;
        while (start < before.size() && start < after.size() && before.get(start).equals(after.get(start))) {
            start++;
        }
        int endBefore = before.size() - 1;
        int endAfter = after.size() - 1;
        while (endBefore >= start && endAfter >= start && before.get(endBefore).equals(after.get(endAfter))) {
            endBefore--;
            endAfter--;
        }
        StringBuilder out = new StringBuilder("@@ line " + (start + 1) + " @@\n");
        for (int i = Math.max(0, start - 3); i < start; i++) {
            out.append("  ").append(before.get(i)).append('\n');
        }
        appendAll(out, "- ", before.subList(start, endBefore + 1));
        appendAll(out, "+ ", after.subList(start, endAfter + 1));
        return out.append("(full diff: diff -u ").append(COMMITTED).append(' ').append(SERVED).append(")").toString();
    }

    private static void appendAll(StringBuilder out, String mark, List<String> lines) {
        lines.stream().limit(60).forEach(line -> out.append(mark).append(line).append('\n'));
        if (lines.size() > 60) {
            out.append(mark).append("… ").append(lines.size() - 60).append(" more lines\n");
        }
    }
}
