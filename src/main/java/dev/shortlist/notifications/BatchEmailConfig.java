package dev.shortlist.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * Emails sent when a batch completes: pace, retries, and what the message shows. The SMTP
 * server, sender and TLS are Quarkus' own {@code quarkus.mailer.*} keys.
 */
@ConfigMapping(prefix = "shortlist.email")
public interface BatchEmailConfig {

    /** Whether this replica sends batch emails (replicas sending at once skip each other's emails). Default: true. */
    @WithDefault("true")
    boolean enabled();

    /** How often completed batches and due emails are looked for. Default: 5s. */
    @WithDefault("5s")
    Duration pollInterval();

    /** Emails sent at once per replica and poll. Default: 20. */
    @WithDefault("20")
    int batchSize();

    /** How long an email is retried while the SMTP server is unreachable before it is given up. Default: 24h. */
    @WithDefault("24h")
    Duration retryFor();

    /** The first retry's delay; each later one doubles, with jitter. Default: 30s. */
    @WithDefault("30s")
    Duration initialDelay();

    /** The longest delay between two attempts. Default: 30m. */
    @WithDefault("30m")
    Duration maxDelay();

    /** How long one message may take to send (connect, greet, deliver). Default: 30s. */
    @WithDefault("30s")
    Duration timeout();

    /** Addresses one batch may notify. Default: 10. */
    @WithDefault("10")
    int maxRecipients();

    /** Candidates listed in the email, best score first. Default: 10. */
    @WithDefault("10")
    int topCandidates();

    /**
     * Where recipients reach the service: the email links to the batch's shortlist in the
     * dashboard under it. Default: http://localhost:8080.
     */
    @WithDefault("http://localhost:8080")
    URI publicBaseUrl();
}
