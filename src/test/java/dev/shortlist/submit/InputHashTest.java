package dev.shortlist.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import dev.shortlist.jobs.JobType;
import org.junit.jupiter.api.Test;

/** Equal work hashes equally, whatever order its fields came in; the hash is the cache key of stored results. */
class InputHashTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldOrderAtAnyDepthDoesNotChangeTheHash() throws Exception {
        JsonNode one = JSON.readTree("""
                {"resume": {"text": "Java"}, "options": {"tone": "plain", "limits": {"b": 2, "a": [1, {"y": 1, "x": 2}]}}}""");
        JsonNode other = JSON.readTree("""
                {"options": {"limits": {"a": [1, {"x": 2, "y": 1}], "b": 2}, "tone": "plain"}, "resume": {"text": "Java"}}""");

        assertThat(InputHash.of(JobType.SCORE, one)).isEqualTo(InputHash.of(JobType.SCORE, other));
        assertThat(InputHash.of(JobType.SCORE, one)).isNotEqualTo(InputHash.of(JobType.TAILOR, one));
    }

    @Test
    void theHashIsOfTheTypeAndTheInputWithFieldsInNameOrder() throws Exception {
        JsonNode input = JSON.readTree("""
                {"resume": {"text": "Java"}, "jobDescription": {"text": "Kafka"}, "options": {"z": 1.5, "a": null}}""");
        String canonical = "{\"jobDescription\":{\"text\":\"Kafka\"},\"options\":{\"a\":null,\"z\":1.5},\"resume\":{\"text\":\"Java\"}}";

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("score\0".getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));

        assertThat(InputHash.of(JobType.SCORE, input)).isEqualTo(expected);
    }

    @Test
    void equalWeightsHashEquallyHoweverTheyAreTyped() throws Exception {
        JsonNode one = JSON.readTree("""
                {"resume": {"text": "Java"}, "options": {"weights": {"experience": 1, "titleFit": 0}}}""");
        JsonNode other = JSON.readTree("""
                {"resume": {"text": "Java"}, "options": {"weights": {"titleFit": 0.0, "experience": 1.00}}}""");
        JsonNode heavier = JSON.readTree("""
                {"resume": {"text": "Java"}, "options": {"weights": {"titleFit": 0.0, "experience": 0.9}}}""");
        for (JsonNode input : new JsonNode[] {one, other, heavier}) {
            SubmissionRules.normaliseWeights(input.get("options"));
        }

        assertThat(InputHash.of(JobType.SCORE, one)).isEqualTo(InputHash.of(JobType.SCORE, other));
        assertThat(InputHash.of(JobType.SCORE, one)).isNotEqualTo(InputHash.of(JobType.SCORE, heavier));
    }
}
