package dev.shortlist.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control: past {@code shortlist.admission.max-in-flight} requests under way on
 * this replica, the next is answered 503 problem+json with Retry-After at once, before it
 * is authenticated or read, so an overload costs the callers over the bound a fast retry
 * and leaves everyone else's latency where it was. Long polls and event streams are not
 * counted: they wait, holding neither a thread nor a connection to the database.
 */
@ApplicationScoped
class Admission {

    /** Before authentication and every other handler of the API. */
    private static final int ORDER = -10_000;

    private final AdmissionConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;
    private final byte[] refusal;

    Admission(AdmissionConfig config, MeterRegistry registry, ObjectMapper json) throws JsonProcessingException {
        this.config = config;
        this.refused = Counter.builder("shortlist.admission.refusals")
                .description("API requests answered 503 because the replica had max-in-flight requests under way")
                .register(registry);
        Gauge.builder("shortlist.http.in.flight", inFlight, AtomicInteger::get)
                .description("API requests under way on this replica, long polls and event streams left out")
                .register(registry);
        this.refusal = json.writeValueAsBytes(new Problem(ProblemMapper.TYPE_BASE + "overloaded", "Service busy", 503,
                "This replica has as many requests under way as it takes; nothing was done. Retry after the time "
                        + "Retry-After gives.", null, null, null));
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext request) {
        if (onlyWaits(request)) {
            request.next();
            return;
        }
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            refused.increment();
            request.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", String.valueOf(Math.max(1, config.retryAfter().toSeconds())))
                    .end(io.vertx.core.buffer.Buffer.buffer(refusal));
            return;
        }
        request.addEndHandler(ended -> inFlight.decrementAndGet());
        request.next();
    }

    /** A long poll or an event stream: after one read it waits for the job, at no cost but its socket. */
    private static boolean onlyWaits(RoutingContext request) {
        String prefer = request.request().getHeader("Prefer");
        return request.request().path().endsWith("/events")
                || prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("wait=");
    }
}
