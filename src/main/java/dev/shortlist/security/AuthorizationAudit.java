package dev.shortlist.security;

import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Audits a request refused a route its role does not open: a key without the role (403),
 * or a request without a key where one is needed (401). Bad keys are audited by {@link ApiKeyMechanism}.
 */
@ApplicationScoped
class AuthorizationAudit {

    private final SecurityAudit audit;

    AuthorizationAudit(SecurityAudit audit) {
        this.audit = audit;
    }

    void refused(@Observes AuthorizationFailureEvent event) {
        boolean keyless = event.getSecurityIdentity() == null || event.getSecurityIdentity().isAnonymous();
        Caller caller = keyless ? null : CallerIdentity.callerOf(event.getSecurityIdentity());
        RoutingContext context = (RoutingContext) event.getEventProperties().get(RoutingContext.class.getName());
        audit.record(keyless ? SecurityAudit.AUTH_FAILED : SecurityAudit.FORBIDDEN, caller == null ? null : caller.owner(),
                context == null ? null : ApiKeyMechanism.clientIp(context),
                Map.of("path", context == null ? "" : context.normalizedPath(), "reason", "the route needs a role the caller lacks"));
    }
}
