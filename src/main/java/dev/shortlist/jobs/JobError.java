package dev.shortlist.jobs;

/**
 * Why a job failed: a stable machine-readable code, a message for people, and whether
 * trying again could help.
 */
public record JobError(String code, String message, boolean retryable) {
}
