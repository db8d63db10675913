package dev.shortlist.security;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much and what shape of input a request may carry, so hostile bodies cost little to
 * refuse. Read when the JSON mapper is built, early in start-up (hence static-init safe).
 */
@StaticInitSafe
@ConfigMapping(prefix = "shortlist.security.input")
public interface InputLimitsConfig {

    /** Characters in one resume or job description text. Default 100000 (a very long resume is ~30000). */
    @WithDefault("100000")
    int maxTextLength();

    /** Body of a job submit; a batch (up to 10,000 resumes) has only the global HTTP limit. Default 1M. */
    @WithDefault("1M")
    MemorySize maxJobBodySize();

    /** Nesting depth of any JSON body (objects and arrays). Default 64. */
    @WithDefault("64")
    int maxJsonDepth();

    /** Digits in one JSON number. Default 100. */
    @WithDefault("100")
    int maxJsonNumberLength();
}
