package dev.shortlist.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery: pace, retries and which destinations are allowed. */
@ConfigMapping(prefix = "shortlist.webhooks")
public interface WebhooksConfig {

    /** Whether this replica delivers webhooks (replicas delivering at once skip each other's events). Default: true. */
    @WithDefault("true")
    boolean enabled();

    /** How often due events are looked for. Default: 1s. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events delivered at once per replica and poll. Default: 50. */
    @WithDefault("50")
    int batchSize();

    /** How long an event is retried before it is given up. Default: 24h. */
    @WithDefault("24h")
    Duration retryFor();

    /** The first retry's delay; each later one doubles, with jitter. Default: 5s. */
    @WithDefault("5s")
    Duration initialDelay();

    /** The longest delay between two attempts. Default: 1h. */
    @WithDefault("1h")
    Duration maxDelay();

    /** How long a receiver has to answer one delivery. Default: 10s. */
    @WithDefault("10s")
    Duration timeout();

    /** Plain http:// URLs accepted (for receivers inside a trusted network). Default: false, https only. */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Hosts or IP addresses allowed even though they are private, loopback or link-local
     * (an internal receiver you trust). Default: none.
     */
    Optional<List<String>> allowedHosts();
}
