package dev.shortlist.jobs;

/**
 * Jobs were submitted (here, or on another replica as announced by PostgreSQL): an idle
 * pipeline should look for work now rather than at its next poll.
 */
public record JobSubmitted() {
}
