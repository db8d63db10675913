package dev.shortlist.jobs;

/** The job a submit stands for, and whether this submit created it (false: an Idempotency-Key replay). */
public record Submitted(Job job, boolean created) {
}
