package dev.shortlist.security;

/** Who is calling: the owner every job, batch and document is stored under. */
public record Caller(String owner, boolean admin) {
}
