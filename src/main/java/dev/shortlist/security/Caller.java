package dev.shortlist.security;

import dev.shortlist.quota.KeyLimits;

/**
 * Who is calling: the owner every job, batch and document is stored under, whether the
 * caller may use the admin routes, and the limits set on its key.
 */
public record Caller(String owner, boolean admin, KeyLimits limits) {

    /** The caller of a request without a key, where the configuration allows it (development, tests). */
    static final Caller ANONYMOUS = new Caller("local", false, KeyLimits.DEFAULTS);
}
