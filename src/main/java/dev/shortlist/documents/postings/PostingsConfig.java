package dev.shortlist.documents.postings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Stored job postings. */
@ConfigMapping(prefix = "shortlist.postings")
public interface PostingsConfig {

    /**
     * Postings' stored readings kept decoded in memory, most recently used first, so the jobs
     * of a batch decode their posting once rather than each. About 100 KB each. Default: 100.
     */
    @WithDefault("100")
    int readingCache();

    /** Longest title kept. Default: 200. */
    @WithDefault("200")
    int titleMaxChars();
}
