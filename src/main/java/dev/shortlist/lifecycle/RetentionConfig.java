package dev.shortlist.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long personal data is kept, and how the purge that enforces it paces itself. */
@ConfigMapping(prefix = "shortlist.retention")
public interface RetentionConfig {

    /** Whether this replica purges expired data. Default: true (replicas purging at once skip each other's rows). */
    @WithDefault("true")
    boolean enabled();

    /** How long a finished job (input, result, error) is kept after it ended; a key's own setting wins. Default: 90d. */
    @WithDefault("90d")
    Duration jobs();

    /** How long an uploaded document (and its extracted text) is kept; a key's own setting wins. Default: 90d. */
    @WithDefault("90d")
    Duration documents();

    /**
     * How long a stored job posting is kept after it was created; a key's own setting wins. Jobs
     * made from it keep their copy of its text. Default: 90d, as documents.
     */
    @WithDefault("90d")
    Duration postings();

    /** How long audit events are kept. Default: 365d. */
    @WithDefault("365d")
    Duration audit();

    /** How often the purge runs. Default: 10m. */
    @WithDefault("10m")
    Duration interval();

    /** Rows deleted per statement: small, so no purge holds locks long enough to be noticed. Default: 500. */
    @WithDefault("500")
    int batchSize();

    /** Most rows of one kind deleted per run; the rest wait for the next run. Default: 50000. */
    @WithDefault("50000")
    int maxPerRun();
}
