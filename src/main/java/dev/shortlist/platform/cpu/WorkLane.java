package dev.shortlist.platform.cpu;

import java.util.Locale;
import org.jboss.logging.MDC;

/**
 * Whose work this is: a request's, for a caller waiting on the answer, or the pipeline's,
 * for a claimed job. Shared resources (the CPU pool, Redis connections) serve requests
 * first or apart, so a backlog being worked never queues a caller behind its job steps.
 * A job's steps carry its log fields, set by the dispatcher on the job's own Vert.x
 * context and carried along its work; only they carry {@link #JOB_ATTEMPT_FIELD}.
 */
public enum WorkLane {
    REQUEST, PIPELINE;

    /** The log field only a claimed job's steps carry (observability.JobLogContext sets it). */
    public static final String JOB_ATTEMPT_FIELD = "attempt";

    /** The lane of the work running on this thread or Vert.x context. */
    public static WorkLane current() {
        return MDC.get(JOB_ATTEMPT_FIELD) == null ? REQUEST : PIPELINE;
    }

    /** As metrics tag it. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
