package dev.shortlist.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * In tests, finished spans are kept in memory instead of going to an OTLP collector: a
 * {@code SpanExporter} bean replaces Quarkus' default exporter. With tracing off (the
 * default profile) it receives nothing.
 */
@ApplicationScoped
public class CollectedSpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
