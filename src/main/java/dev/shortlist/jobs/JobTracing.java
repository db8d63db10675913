package dev.shortlist.jobs;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The job's side of tracing (quarkus-opentelemetry traces HTTP, the REST client, SQL and
 * Redis by itself). A submit stores the request's W3C {@code traceparent} with the job; the
 * run that claims it, on any replica and however much later, is a span of that same trace,
 * with the handler and the model call beneath it. The span being current on the job's Vert.x
 * context is what puts {@code traceId}/{@code spanId} on the job's log lines.
 *
 * <p>Off by default ({@code quarkus.otel.sdk.disabled=true}): then every method here returns
 * at once, without starting, formatting or parsing anything, so a job pays nothing for it.
 */
@ApplicationScoped
public class JobTracing {

    public static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("shortlist.job.id");
    public static final AttributeKey<String> JOB_TYPE = AttributeKey.stringKey("shortlist.job.type");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("shortlist.job.attempt");
    public static final AttributeKey<String> BATCH_ID = AttributeKey.stringKey("shortlist.batch.id");
    /** The caller's key id (never the key itself). */
    public static final AttributeKey<String> OWNER = AttributeKey.stringKey("shortlist.owner");

    /** The span of one run of a job, from its claim to its stored outcome. */
    public static final String JOB_RUN = "job run";
    /** The span of a job's handler, by type: "score handler", "tailor handler"... */
    private static final Map<JobType, String> HANDLER = new EnumMap<>(JobType.class);

    static {
        for (JobType type : JobType.values()) {
            HANDLER.put(type, type.wireName() + " handler");
        }
    }

    /** The span of the local engine's work for one request. */
    public static final String LOCAL_ENGINE = "local engine";

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final boolean enabled;
    private final Tracer tracer;

    JobTracing(@ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled,
            Tracer tracer) {
        this.enabled = !sdkDisabled;
        this.tracer = tracer;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The current span's W3C traceparent, to store with a job; null when tracing is off or no span is current. */
    public String traceparent() {
        if (!enabled) {
            return null;
        }
        StringBuilder header = new StringBuilder(55);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), header, (carrier, key, value) -> {
            if ("traceparent".equals(key)) {
                carrier.append(value);
            }
        });
        return header.isEmpty() ? null : header.toString();
    }

    /**
     * Runs the job's work in a "job run" span whose parent is the submit's stored span
     * context (a new trace when the job was submitted with tracing off).
     */
    public <T> Uni<T> jobRun(Job job, Supplier<Uni<T>> work) {
        if (!enabled) {
            return Uni.createFrom().deferred(work::get);
        }
        return Uni.createFrom().deferred(() -> {
            Context submit = job.traceparent() == null ? Context.root()
                    : W3CTraceContextPropagator.getInstance().extract(Context.root(), job.traceparent(), TRACEPARENT);
            SpanBuilder run = tracer.spanBuilder(JOB_RUN)
                    .setParent(submit)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute(JOB_ID, job.id().toString())
                    .setAttribute(JOB_TYPE, job.type().wireName())
                    .setAttribute(ATTEMPT, (long) job.attempts())
                    .setAttribute(OWNER, job.owner());
            if (job.batchId() != null) {
                run.setAttribute(BATCH_ID, job.batchId().toString());
            }
            return inSpan(run, work);
        });
    }

    /** Runs a job's handler in a span of its own, beneath the job run's. */
    public <T> Uni<T> handler(Job job, Supplier<Uni<T>> work) {
        return step(HANDLER.get(job.type()), work);
    }

    /** Runs {@code work} in a span named {@code name}, a child of the current one (the job run's, for a job). */
    public <T> Uni<T> step(String name, Supplier<Uni<T>> work) {
        if (!enabled) {
            return Uni.createFrom().deferred(work::get);
        }
        return Uni.createFrom().deferred(() -> inSpan(tracer.spanBuilder(name), work));
    }

    /**
     * The span is current while the work is assembled and subscribed, and on the job's Vert.x
     * context until the work ends: what the work does later on that context (the REST
     * client's call, log lines) belongs to it. Off a Vert.x context (a CPU pool thread) the
     * span is current only while the work is started, as a thread-local scope must end on its
     * own thread.
     */
    private <T> Uni<T> inSpan(SpanBuilder builder, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Span span = builder.startSpan();
            boolean onJobContext = VertxContext.isOnDuplicatedContext();
            Scope scope = span.makeCurrent();
            AtomicBoolean ended = new AtomicBoolean();
            Runnable end = () -> {
                if (ended.compareAndSet(false, true)) {
                    if (onJobContext) {
                        scope.close();
                    }
                    span.end();
                }
            };
            Cancellable subscription;
            try {
                subscription = work.get().subscribe().with(
                        item -> {
                            end.run();
                            emitter.complete(item);
                        },
                        failure -> {
                            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                            span.recordException(failure);
                            end.run();
                            emitter.fail(failure);
                        });
            } finally {
                if (!onJobContext) {
                    scope.close();
                }
            }
            // Also when abandoned (the job was cancelled): the work stops and the span ends.
            emitter.onTermination(() -> {
                subscription.cancel();
                end.run();
            });
        });
    }
}
