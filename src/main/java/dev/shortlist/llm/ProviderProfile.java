package dev.shortlist.llm;

import java.util.Arrays;

/**
 * What an OpenAI-compatible provider supports, from its documentation, so each gets the
 * strongest structured output it has: {@code json_schema} with {@code strict: true}
 * (constrained decoding against the result schema), {@code json_schema} without the strict
 * guarantee, or {@code json_object} (valid JSON, schema in the prompt only). Every reply is
 * validated against the schema either way, with one repair round.
 */
public enum ProviderProfile {

    /** OpenAI: structured outputs with strict schemas. */
    OPENAI("openai", ResponseFormat.JSON_SCHEMA_STRICT, false),
    /**
     * Azure OpenAI (v1 API, or a deployment URL with {@code shortlist.llm.openai.api-version}
     * 2024-08-01-preview or later): strict schemas; the key goes in {@code api-key}.
     */
    AZURE_OPENAI("azure-openai", ResponseFormat.JSON_SCHEMA_STRICT, true),
    /** Groq: strict decoding only on a few models, and json_schema refused by others; JSON mode works on all. */
    GROQ("groq", ResponseFormat.JSON_OBJECT, false),
    /** Gemini's OpenAI-compatible endpoint: honours a response schema (a subset of JSON Schema), no strict flag. */
    GEMINI("gemini", ResponseFormat.JSON_SCHEMA, false),
    /** Ollama 0.5 and later: json_schema enforced by grammar-constrained decoding. */
    OLLAMA("ollama", ResponseFormat.JSON_SCHEMA, false),
    /** vLLM: json_schema through guided decoding. */
    VLLM("vllm", ResponseFormat.JSON_SCHEMA, false),
    /** Any other OpenAI-compatible server (llama.cpp, proxies): JSON mode, the common denominator. */
    GENERIC("generic", ResponseFormat.JSON_OBJECT, false);

    /** The {@code response_format} a profile asks for. */
    public enum ResponseFormat { JSON_SCHEMA_STRICT, JSON_SCHEMA, JSON_OBJECT }

    private final String wireName;
    private final ResponseFormat responseFormat;
    private final boolean keyInApiKeyHeader;

    ProviderProfile(String wireName, ResponseFormat responseFormat, boolean keyInApiKeyHeader) {
        this.wireName = wireName;
        this.responseFormat = responseFormat;
        this.keyInApiKeyHeader = keyInApiKeyHeader;
    }

    public ResponseFormat responseFormat() {
        return responseFormat;
    }

    /** Azure takes the key in an {@code api-key} header; the others as {@code Authorization: Bearer}. */
    public boolean keyInApiKeyHeader() {
        return keyInApiKeyHeader;
    }

    public static ProviderProfile fromWireName(String name) {
        return Arrays.stream(values()).filter(profile -> profile.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("shortlist.llm.openai.profile must be one of "
                        + Arrays.stream(values()).map(profile -> profile.wireName).toList() + ", not " + name));
    }
}
