package dev.shortlist.platform.cpu;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The one bounded pool for CPU work, kept off the event loop. */
@ConfigMapping(prefix = "shortlist.cpu")
public interface CpuConfig {

    /**
     * Threads for CPU work: screening and masking text, normalising and hashing input, the
     * local engine, text extraction and rendering. More than the cores only adds switching.
     * Default: the number of cores.
     */
    Optional<Integer> threads();

    /**
     * Whether CPU work found on an event-loop thread fails instead of running there. On in
     * tests, so work that slips onto the loop breaks the build. Default false.
     */
    @WithDefault("false")
    boolean failOnEventLoop();

    /**
     * Event loops of the pipeline's own (claimed jobs' model calls, Redis and database round
     * trips), apart from the HTTP server's. One carries about a thousand jobs a second. Default 1.
     */
    @WithDefault("1")
    int pipelineEventLoops();
}
