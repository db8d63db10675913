package dev.shortlist.jobs;

/**
 * A failed job as operators see it, with how often its input has failed the same way
 * (across all jobs with that input) and whether it is quarantined.
 */
public record DeadLetter(Job job, long failuresOfInput, boolean quarantined) {
}
