package dev.shortlist.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Callers that ask for a key while its lookup runs share it; once it has answered, the next caller looks again. */
class SingleFlightTest {

    private final SingleFlight<String, Integer> flights = new SingleFlight<>();
    private final AtomicInteger lookups = new AtomicInteger();

    @Test
    void aBurstOfCallersSharesOneLookup() {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        List<CompletableFuture<Integer>> callers = List.of(ask("key", answer), ask("key", answer), ask("key", answer));
        CompletableFuture<Integer> otherKey = ask("other", CompletableFuture.completedFuture(7));

        answer.complete(42);

        assertThat(callers).allSatisfy(caller -> assertThat(caller.join()).isEqualTo(42));
        assertThat(otherKey.join()).isEqualTo(7);
        assertThat(lookups).as("one lookup per key").hasValue(2);

        assertThat(ask("key", CompletableFuture.completedFuture(43)).join()).as("a later caller looks again").isEqualTo(43);
        assertThat(lookups).hasValue(3);
    }

    @Test
    void aFailedLookupFailsItsCallersAndIsNotKept() {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        CompletableFuture<Integer> first = ask("key", answer);
        answer.completeExceptionally(new IllegalStateException("database down"));

        assertThat(first).failsWithin(Duration.ofSeconds(5));
        assertThat(ask("key", CompletableFuture.completedFuture(1)).join()).isEqualTo(1);
    }

    private CompletableFuture<Integer> ask(String key, CompletableFuture<Integer> answer) {
        return flights.run(key, ignored -> Uni.createFrom().completionStage(() -> {
            lookups.incrementAndGet();
            return answer;
        })).subscribeAsCompletionStage();
    }
}
