package dev.shortlist.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits on batches. */
@ConfigMapping(prefix = "shortlist.batches")
public interface BatchesConfig {

    /** Most resumes one batch may hold. Default 10000. */
    @WithDefault("10000")
    int maxResumes();

    /** Longest external id accepted for a resume, in characters. Default 200. */
    @WithDefault("200")
    int externalIdMaxChars();

    /** Most resumes a batch may have the remote model re-score ({@code rescore.top}). Default 1000. */
    @WithDefault("1000")
    int rescoreMaxTop();

    /** How often the service looks for re-scored batches whose first stage has ended. Default 1s. */
    @WithDefault("1s")
    Duration rescoreCheckInterval();

    /** How often a live batch stream looks at the batch's counts; it sends only changes. Default 1s. */
    @WithDefault("1s")
    java.time.Duration eventsInterval();
}
