package dev.shortlist.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Versioned prompts, one pair of resources per version: {@code prompts/<version>.txt}
 * (the instructions) and {@code prompts/<version>.schema.json} (the output schema). A new
 * wording is a new version, so cached results of the old one are never served for it.
 * The schema is the job type's one result schema, shared by every engine.
 */
@ApplicationScoped
public class Prompts {

    private final ObjectMapper json;
    private final Map<String, Prompt> byVersion = new ConcurrentHashMap<>();

    Prompts(ObjectMapper json) {
        this.json = json;
    }

    Prompt forVersion(String version) {
        return byVersion.computeIfAbsent(version, this::load);
    }

    /** The result schema of a prompt version, which every engine's answer must follow. */
    public ResultSchema schemaOf(String version) {
        return forVersion(version).schema();
    }

    private Prompt load(String version) {
        if (!version.matches("[a-z0-9-]+")) {
            throw new LlmException("unknown_prompt", "no prompt version " + version, false);
        }
        try {
            String instructions = read("prompts/" + version + ".txt");
            ResultSchema schema = new ResultSchema((ObjectNode) json.readTree(read("prompts/" + version + ".schema.json")));
            return new Prompt(version, instructions.strip() + "\n" + schema.forModel().toPrettyString(), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new LlmException("unknown_prompt", "no prompt resource " + resource, false);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A prompt version: the system message (instructions and schema) and the schema to check replies against. */
    record Prompt(String version, String system, ResultSchema schema) {
    }
}
