package dev.shortlist.pipeline;

import dev.shortlist.jobs.Job;
import dev.shortlist.platform.cpu.WorkLane;
import org.jboss.logging.MDC;

/**
 * The fields every log line about a job carries (jobId, batchId, owner, attempt), as MDC.
 * Put on the job's own Vert.x context, they follow its work across the reactive steps;
 * the JSON log format writes them as fields of each line.
 */
public final class JobLogContext {

    private JobLogContext() {
    }

    public static void enter(Job job) {
        MDC.put("jobId", job.id().toString());
        MDC.put("owner", job.owner());
        // Marks the job's steps as the pipeline's work (cpu.WorkLane).
        MDC.put(WorkLane.JOB_ATTEMPT_FIELD, String.valueOf(job.attempts()));
        if (job.batchId() != null) {
            MDC.put("batchId", job.batchId().toString());
        } else {
            MDC.remove("batchId");
        }
    }
}
