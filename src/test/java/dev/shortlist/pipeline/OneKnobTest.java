package dev.shortlist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.jobs.DatabasePoolConfig;
import dev.shortlist.llm.LlmConfig;
import dev.shortlist.support.SizedForLoadProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** shortlist.pipeline.concurrency alone sizes what running jobs wait on; a size set by hand wins, with a warning. */
@QuarkusTest
@TestProfile(SizedForLoadProfile.class)
class OneKnobTest {

    @Inject
    LlmConfig llm;

    @Inject
    DatabasePoolConfig database;

    @Inject
    SizingReport report;

    @ConfigProperty(name = ConcurrencySizing.BULKHEAD)
    int bulkhead;

    @ConfigProperty(name = ConcurrencySizing.BULKHEAD_QUEUE)
    int bulkheadQueue;

    @ConfigProperty(name = ConcurrencySizing.REDIS_POOL)
    int redisPool;

    @ConfigProperty(name = ConcurrencySizing.REDIS_WAITING)
    int redisWaiting;

    @Test
    void theModelClientAndThePoolsFollowTheConcurrency() {
        assertThat(bulkhead).isEqualTo(SizedForLoadProfile.CONCURRENCY);
        assertThat(bulkheadQueue).isEqualTo(4 * SizedForLoadProfile.CONCURRENCY);
        assertThat(database.pipelineMaxSize()).isEqualTo(32);
        assertThat(redisPool).isEqualTo(128);
        assertThat(redisWaiting).isEqualTo(1024);
    }

    @Test
    void aSizeSetByHandWinsAndTheContradictionIsReported() {
        assertThat(llm.openai().maxConnections()).isEqualTo(SizedForLoadProfile.EXPLICIT_MODEL_CONNECTIONS);
        assertThat(report.contradictions()).singleElement().asString()
                .contains("shortlist.llm.openai.max-connections=32").contains("below the bulkhead (256)");
    }
}
