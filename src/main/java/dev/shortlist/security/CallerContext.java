package dev.shortlist.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request, as {@link CallerFilter} found it in the security
 * identity before any resource runs.
 */
@RequestScoped
public class CallerContext {

    private Caller caller;

    public Caller current() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return caller;
    }

    /** The owner the caller acts for: what every read and write of its data is scoped to. */
    public String owner() {
        return current().owner();
    }

    /** The caller, if authentication got that far. */
    public java.util.Optional<Caller> known() {
        return java.util.Optional.ofNullable(caller);
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
