package dev.shortlist.security;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves the caller of the current request. Until API keys are configured every
 * request acts as the single local owner, which is what a developer running the
 * service on their own machine expects.
 */
@ApplicationScoped
public class CallerContext {

    static final Caller LOCAL = new Caller("local", true);

    public Caller current() {
        return LOCAL;
    }
}
