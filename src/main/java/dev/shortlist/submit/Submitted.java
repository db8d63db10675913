package dev.shortlist.submit;

import dev.shortlist.jobs.Job;

/** The job a submit stands for, and whether this submit created it (false: an Idempotency-Key replay). */
public record Submitted(Job job, boolean created) {
}
