package dev.shortlist.security;

import dev.shortlist.platform.quota.KeyLimits;

/**
 * Who is calling: the owner every job, batch and document is stored under, whether the
 * caller may use the admin routes, the limits set on its key, and whether its work screens
 * blind unless it says otherwise ({@code blindByDefault}, set by an admin).
 */
public record Caller(String owner, boolean admin, KeyLimits limits, boolean blindByDefault) {

    /** The caller of a request without a key, where the configuration allows it (development, tests). */
    static final Caller ANONYMOUS = new Caller("local", false, KeyLimits.DEFAULTS, false);
}
