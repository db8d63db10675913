package dev.shortlist.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Which engine answers, and how the local one runs. */
@ConfigMapping(prefix = "shortlist.llm")
public interface LlmConfig {

    /** {@code local} (default: no key, no network) or {@code openai} (any OpenAI-compatible endpoint). */
    @WithDefault("local")
    String provider();

    Local local();

    interface Local {

        /**
         * Threads for the local engine's CPU work, kept off the event loop. Default: the
         * number of cores.
         */
        Optional<Integer> threads();
    }
}
