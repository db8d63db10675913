package dev.shortlist.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.documents.TextNormalizer;
import dev.shortlist.jobs.JobType;
import dev.shortlist.platform.cpu.OffEventLoop;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a job's type and normalised input: equal work has an equal hash. */
final class InputHash {

    /** Writes object fields in name order, straight from the tree, so field order in the request does not change the hash. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private InputHash() {
    }

    static String of(JobType type, JsonNode normalisedInput) {
        OffEventLoop.check("Input hashing");
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(normalisedInput);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(type.wireName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(canonical));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash job input", e);
        }
    }

    /** A copy of a text input ({@code {"text": ...}}) with its text normalised: equal texts hash equally, however they were pasted. */
    static ObjectNode normalisedText(ObjectNode textInput) {
        ObjectNode copy = textInput.deepCopy();
        if (copy.path("text").isTextual()) {
            copy.put("text", TextNormalizer.normalize(copy.get("text").asText()));
        }
        return copy;
    }
}
