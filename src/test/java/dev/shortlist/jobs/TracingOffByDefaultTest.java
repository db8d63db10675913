package dev.shortlist.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.Jobs;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Out of the box tracing is off: even a caller that sends a trace context gets no spans and no stored trace. */
@QuarkusTest
class TracingOffByDefaultTest {

    private static final String CALLERS_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Pool pool;

    @Test
    void aJobSubmittedWithATraceContextRunsWithoutSpansOrAStoredTrace() {
        String id = given().contentType(ContentType.JSON).header("traceparent", CALLERS_TRACE)
                .body(Jobs.scoreRequest("Java developer " + UUID.randomUUID(), "Java developer"))
                .when().post("/api/v1/jobs")
                .then().statusCode(202).extract().path("id");
        assertThat(Jobs.awaitEnd(id).getString("status")).isEqualTo("succeeded");

        assertThat(JobTracingTest.storedTraceparent(pool, id)).isNull();
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }
}
