package dev.shortlist.platform.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller waiting for an answer is not queued behind a backlog's job steps: with every CPU
 * thread busy, a request's work runs before the pipeline work that was queued earlier.
 */
class CpuLanesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CpuPool cpu = new CpuPool(new OneThread(), registry);

    @AfterEach
    void stop() {
        cpu.shutdown();
        MDC.clear();
    }

    @Test
    void aRequestsWorkGoesAheadOfQueuedJobSteps() throws InterruptedException {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch allRan = new CountDownLatch(4);
        cpu.executor().execute(() -> {
            busy.countDown();
            await(release);
        });
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

        MDC.put(WorkLane.JOB_ATTEMPT_FIELD, "1");
        for (int i = 1; i <= 3; i++) {
            String step = "job step " + i;
            cpu.executor().execute(() -> {
                ran.add(step);
                allRan.countDown();
            });
        }
        MDC.remove(WorkLane.JOB_ATTEMPT_FIELD);
        cpu.executor().execute(() -> {
            ran.add("submit check");
            allRan.countDown();
        });
        assertThat(registry.get("shortlist.cpu.queued").tag("lane", "pipeline").gauge().value()).isEqualTo(3);
        assertThat(registry.get("shortlist.cpu.queued").tag("lane", "request").gauge().value()).isEqualTo(1);

        release.countDown();
        assertThat(allRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("submit check", "job step 1", "job step 2", "job step 3");
        assertThat(registry.get("shortlist.cpu.queued").tag("lane", "pipeline").gauge().value()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class OneThread implements CpuConfig {

        @Override
        public Optional<Integer> threads() {
            return Optional.of(1);
        }

        @Override
        public boolean failOnEventLoop() {
            return false;
        }

        @Override
        public int pipelineEventLoops() {
            return 1;
        }
    }
}
