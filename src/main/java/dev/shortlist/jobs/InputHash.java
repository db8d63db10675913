package dev.shortlist.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shortlist.cpu.OffEventLoop;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a job's type and normalised input: equal work has an equal hash. */
final class InputHash {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private InputHash() {
    }

    static String of(JobType type, JsonNode normalisedInput) {
        OffEventLoop.check("Input hashing");
        try {
            // Tree → sorted map → bytes, so field order in the request does not change the hash.
            Object sorted = CANONICAL.treeToValue(normalisedInput, Object.class);
            byte[] canonical = CANONICAL.writeValueAsBytes(sorted);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(type.wireName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(canonical));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash job input", e);
        }
    }
}
