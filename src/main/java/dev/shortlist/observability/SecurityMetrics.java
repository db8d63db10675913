package dev.shortlist.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of what the limits and the audit see, under {@code shortlist_}. */
@ApplicationScoped
public class SecurityMetrics {

    private final MeterRegistry registry;

    public SecurityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code shortlist_security_events_total{kind}} */
    public void event(String kind) {
        Counter.builder("shortlist.security.events")
                .description("Security events (failed authentication, refusals, admin actions, injection flags), by kind")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    /** {@code shortlist_rate_limit_rejections_total{route_class}} */
    public void rateLimitRejected(String routeClass) {
        Counter.builder("shortlist.rate.limit.rejections")
                .description("Requests refused by a rate limit, by route class")
                .tag("route_class", routeClass)
                .register(registry)
                .increment();
    }

    /** {@code shortlist_audit_events_dropped_total}: events not written because too many writes were pending. */
    public void auditDropped() {
        Counter.builder("shortlist.audit.events.dropped")
                .description("Audit events dropped because the audit writer was saturated or failing")
                .register(registry)
                .increment();
    }
}
