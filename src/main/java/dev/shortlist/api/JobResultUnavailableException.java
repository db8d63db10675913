package dev.shortlist.api;

import dev.shortlist.jobs.JobStatus;
import dev.shortlist.platform.problem.ProblemException;
import java.util.UUID;

/** The job has no result to download: it has not succeeded (yet, or ever). */
public class JobResultUnavailableException extends ProblemException {

    JobResultUnavailableException(UUID id, JobStatus status) {
        super(409, "result-unavailable", "No result", switch (status) {
            case QUEUED, RUNNING -> "Job " + id + " is " + status.wireName() + "; its result is ready once it has succeeded";
            case CANCELLED -> "Job " + id + " was cancelled, so it has no result";
            default -> "Job " + id + " " + status.wireName() + ", so it has no result";
        });
    }
}
