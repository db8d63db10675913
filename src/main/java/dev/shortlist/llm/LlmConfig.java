package dev.shortlist.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import dev.shortlist.llm.local.ScoringPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Which engine answers, and how the local one runs. */
@ConfigMapping(prefix = "shortlist.llm")
public interface LlmConfig {

    /** {@code local} (default: no key, no network) or {@code openai} (any OpenAI-compatible endpoint). */
    @WithDefault("local")
    Provider provider();

    /**
     * {@code none} (default) or {@code local}: who answers when the remote provider is failing
     * (circuit open, or retries used up on a transient error).
     */
    @WithDefault("none")
    Fallback fallback();

    /** Who answers every job: written {@code local} or {@code openai} in the configuration. */
    enum Provider {
        LOCAL, OPENAI
    }

    /** Who answers while the remote provider fails: written {@code none} or {@code local}. */
    enum Fallback {
        NONE, LOCAL
    }

    /**
     * With {@code fallback=local}, a job that has waited this long for the remote model (circuit
     * open, outage) is answered by the local engine, and its result says so. Default 2m.
     */
    @WithDefault("2m")
    Duration fallbackAfter();

    /**
     * A job not finished this long after it was submitted fails with {@code deadline_exceeded}
     * instead of waiting further for the model. Default 24h.
     */
    @WithDefault("24h")
    Duration jobDeadline();

    /** How long a job waits before it asks the model again while the model is unavailable. */
    Wait waitForModel();

    interface Wait {

        /** The first wait; each next one grows with the time already waited, with jitter. Default 1s. */
        @WithDefault("1s")
        Duration initial();

        /** The longest wait, about the circuit breaker's delay so jobs come back as it half-opens. Default 30s. */
        @WithDefault("30s")
        Duration max();
    }

    Local local();

    OpenAi openai();

    interface Local {

        /** Relative weights of the score components; a component that does not apply drops out. */
        Weights weights();

        /** Scores from here up are recommended for the shortlist. Default 70. */
        @WithDefault("70")
        int shortlistAt();

        /** Scores from here up (and below shortlist-at) are a maybe; below, a reject. Default 45. */
        @WithDefault("45")
        int maybeAt();

        /**
         * Sentence embeddings kept in memory, by content, so a resume or posting seen before is
         * not embedded again (about 2 KB each). Default 20000.
         */
        @WithDefault("20000")
        int embeddingCache();

        /**
         * Resumes kept read (sections, skills, titles, BM25 terms, embeddings), by content and
         * month, so a pool scored against another job is not read again (about 17 KB for a
         * 3,000-character resume); a tenth as many job descriptions are kept read. Default 5000.
         */
        @WithDefault("5000")
        int readingCache();

        default ScoringPolicy policy() {
            Weights w = weights();
            return new ScoringPolicy(w.semanticFit(), w.requirementCoverage(), w.requiredSkills(), w.preferredSkills(), w.titleFit(), w.experience(),
                    w.domainFit(), w.textRelevance(), shortlistAt(), maybeAt());
        }
    }

    interface Weights {

        /** Meaning of the resume (its opening and latest work) against the posting, by sentence embedding. Default 0.30. */
        @WithDefault("0.30")
        double semanticFit();

        /** Share of the posting's requirement and duty lines the resume shows, any field. Default 0.20. */
        @WithDefault("0.20")
        double requirementCoverage();

        /** Share of the vocabulary skills the posting requires that the resume shows (reported either way). Default 0. */
        @WithDefault("0")
        double requiredSkills();

        /** Share of the "nice to have" skills shown. Default 0.05. */
        @WithDefault("0.05")
        double preferredSkills();

        /** The resume's headline against the job's title, by embedding and by known titles. Default 0.20. */
        @WithDefault("0.20")
        double titleFit();

        /** Years shown against years asked, capped at 1. Default 0.05. */
        @WithDefault("0.05")
        double experience();

        /** Whether the resume's skills lie in the job's fields (software, hr, law...). Default 0.20. */
        @WithDefault("0.20")
        double domainFit();

        /** BM25 overlap with the job description's distinctive terms and phrases. Default 0.20. */
        @WithDefault("0.20")
        double textRelevance();
    }

    /** An OpenAI-compatible chat-completions endpoint (OpenAI, Groq, Gemini, Ollama, vLLM, llama.cpp). */
    interface OpenAi {

        /** Base URL ending before {@code /chat/completions}. Default {@code https://api.openai.com/v1}. */
        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        /** Bearer key (Azure: sent as {@code api-key}); none for local servers that need none. No default. */
        Optional<String> apiKey();

        /**
         * Sent as the {@code api-version} query parameter, for Azure OpenAI's deployment URLs
         * ({@code https://<resource>.openai.azure.com/openai/deployments/<deployment>}), which
         * answer 404 without one; Azure's v1 API ({@code .../openai/v1}) and the other providers
         * take none. No default.
         */
        Optional<String> apiVersion();

        /**
         * Which provider the endpoint is, for its structured outputs: {@code openai} and
         * {@code azure-openai} (json_schema, strict), {@code gemini}, {@code ollama}, {@code vllm}
         * (json_schema), {@code groq} and {@code generic} (json_object). Default {@code openai}.
         */
        @WithDefault("openai")
        String profile();

        /** Model name sent with every request and recorded with every result. Default {@code gpt-4o-mini}. */
        @WithDefault("gpt-4o-mini")
        String model();

        /** Connect timeout of the HTTP client. Default 5s. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Read timeout of one HTTP exchange, a backstop behind the fault-tolerance timeout. Default 120s. */
        @WithDefault("120s")
        Duration readTimeout();

        /**
         * Connections kept to the endpoint. Follows {@code shortlist.pipeline.concurrency}
         * unless set: with fewer than the bulkhead lets through, calls queue for a connection.
         */
        @WithDefault("64")
        int maxConnections();

        /**
         * Mask emails, phones, URLs, street addresses and the candidate's name in resumes and
         * profiles before they are sent. Default true.
         */
        @WithDefault("true")
        boolean redactPii();

        /** Upper bound of generated tokens per request. Default 1024. */
        @WithDefault("1024")
        int maxTokens();

        /**
         * Prices in USD per million tokens, by model name, e.g.
         * {@code shortlist.llm.openai.prices."gpt-4o-mini".input=0.15}. Default: none (cost 0).
         */
        Map<String, Price> prices();
    }

    interface Price {

        /** USD per million prompt tokens. Default 0. */
        @WithDefault("0")
        BigDecimal input();

        /** USD per million completion tokens. Default 0. */
        @WithDefault("0")
        BigDecimal output();
    }
}
