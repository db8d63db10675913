package dev.shortlist.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** A {@link Caller} as Quarkus security sees it: the owner as principal, the key's roles, the caller as an attribute. */
final class CallerIdentity {

    static final String ADMIN = "admin";
    static final String USER = "user";
    private static final String CALLER = Caller.class.getName();

    /**
     * The caller of a request without a key where the configuration allows it: anonymous to
     * Quarkus (so an admin route answers 401, asking for a key), yet a user with its own owner.
     */
    static final SecurityIdentity LOCAL_OWNER = QuarkusSecurityIdentity.builder()
            .setAnonymous(true)
            .setPrincipal(new QuarkusPrincipal(Caller.ANONYMOUS.owner()))
            .addRole(USER)
            .addAttribute(CALLER, Caller.ANONYMOUS)
            .build();

    private CallerIdentity() {
    }

    static SecurityIdentity of(Caller caller) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.owner()))
                .addRole(USER)
                .addAttribute(CALLER, caller);
        if (caller.admin()) {
            identity.addRole(ADMIN);
        }
        return identity.build();
    }

    static Caller callerOf(SecurityIdentity identity) {
        return identity.getAttribute(CALLER);
    }
}
