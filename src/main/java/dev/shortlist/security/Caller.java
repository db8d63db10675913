package dev.shortlist.security;

/**
 * Who is calling: the owner every job, batch and document is stored under, whether
 * the caller may use the admin routes, and the limits its key has instead of the defaults.
 */
public record Caller(String owner, boolean admin, KeyLimits limits) {

    /** The caller of a request without a key, where the configuration allows it (development, tests). */
    static final Caller ANONYMOUS = new Caller("local", false);

    public Caller {
        limits = limits == null ? KeyLimits.DEFAULTS : limits;
    }

    public Caller(String owner, boolean admin) {
        this(owner, admin, KeyLimits.DEFAULTS);
    }
}
