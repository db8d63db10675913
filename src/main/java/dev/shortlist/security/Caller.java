package dev.shortlist.security;

/**
 * Who is calling: the owner every job, batch and document is stored under, and whether
 * the caller may use the admin routes.
 */
public record Caller(String owner, boolean admin) {

    /** The caller of a request without a key, where the configuration allows it (development, tests). */
    static final Caller ANONYMOUS = new Caller("local", false);
}
