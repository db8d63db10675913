package dev.shortlist.submit;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobEvents;
import dev.shortlist.jobs.JobSubmitted;
import dev.shortlist.jobs.JobMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.UUID;

/** Work accepted is counted, and an idle pipeline is told at once rather than at its next poll. */
@ApplicationScoped
class Announcements {

    private final JobMetrics metrics;
    private final JobEvents events;
    private final Event<JobSubmitted> submitted;

    Announcements(JobMetrics metrics, JobEvents events, Event<JobSubmitted> submitted) {
        this.metrics = metrics;
        this.events = events;
        this.submitted = submitted;
    }

    /** A job this submit stored; one completed from the cache has nothing for the pipeline. */
    void job(Job job) {
        Log.debugf("Job %s submitted: %s for %s", job.id(), job.type().wireName(), job.owner());
        metrics.submitted(job.type().wireName());
        if (!job.cacheHit()) {
            events.announceSubmitted();
        }
    }

    /** A batch this submit stored; its insert already told the other replicas, in its transaction. */
    void batch(UUID batchId, String owner, String type, int jobs) {
        Log.debugf("Batch %s submitted: %d %s jobs for %s", batchId, jobs, type, owner);
        metrics.submitted(type, jobs);
        submitted.fire(new JobSubmitted());
    }
}
