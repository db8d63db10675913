package dev.shortlist.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Replays of failed jobs by operators. */
@ConfigMapping(prefix = "shortlist.dead-letters")
public interface DeadLettersConfig {

    /**
     * An input (by input hash) that failed this many times with the same error code is
     * quarantined instead of replayed: the same poison input would only fail again. Default 3.
     */
    @WithDefault("3")
    int quarantineAfter();

    /** Most jobs one replay re-queues; a larger set is replayed in several calls. Default 10000. */
    @WithDefault("10000")
    int replayLimit();
}
