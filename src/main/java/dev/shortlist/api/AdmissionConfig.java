package dev.shortlist.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When the API refuses work rather than let every caller's latency grow. */
@ConfigMapping(prefix = "shortlist.admission")
public interface AdmissionConfig {

    /**
     * Requests this replica works on at once (long polls and event streams, which only wait,
     * are not counted); one more is answered 503 with Retry-After. Default 256: far above
     * what hundreds of submits a second keep in flight, low enough that an overload is
     * refused in microseconds instead of queueing for seconds.
     */
    @WithDefault("256")
    int maxInFlight();

    /** Retry-After of a refusal. Default 1s. */
    @WithDefault("1s")
    Duration retryAfter();
}
