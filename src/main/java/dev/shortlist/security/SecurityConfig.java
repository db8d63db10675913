package dev.shortlist.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** API keys and who may call without one. */
@ConfigMapping(prefix = "shortlist.security")
public interface SecurityConfig {

    /**
     * An admin key installed at start-up (kept only as its hash), so the first real keys
     * can be created. Set it from a secret. No default.
     */
    Optional<String> bootstrapAdminKey();

    /**
     * Whether requests without a key act as one local owner. Default false; the
     * development and test profiles turn it on. Never on in production.
     */
    @WithDefault("false")
    boolean anonymousAccess();

    /** How long a replica trusts what it read about a key; a revoke on another replica takes at most this long. Default 10s. */
    @WithDefault("10s")
    Duration keyCacheTtl();
}
