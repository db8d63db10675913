package dev.shortlist.platform.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * A lookup that needs its context (a Hibernate Reactive session) runs on the context of
     * the caller who asked first, and every caller goes on on its own context, whichever
     * thread the answer arrives on.
     */
    @Test
    void theLookupRunsWhereItWasAskedFirstAndEachCallerGoesOnOnItsOwnContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context first = ((VertxInternal) vertx).createEventLoopContext();
            Context second = ((VertxInternal) vertx).createEventLoopContext();
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            AtomicReference<Context> lookedUpOn = new AtomicReference<>();
            CompletableFuture<Context> firstWentOnOn = new CompletableFuture<>();
            CompletableFuture<Context> secondWentOnOn = new CompletableFuture<>();
            CountDownLatch asked = new CountDownLatch(2);
            first.runOnContext(ignored -> {
                askOnContext(answer, lookedUpOn, firstWentOnOn);
                asked.countDown();
                second.runOnContext(alsoIgnored -> {
                    askOnContext(answer, lookedUpOn, secondWentOnOn);
                    asked.countDown();
                });
            });
            assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();

            answer.complete(42);

            assertThat(firstWentOnOn.get(5, TimeUnit.SECONDS)).isSameAs(first);
            assertThat(secondWentOnOn.get(5, TimeUnit.SECONDS)).isSameAs(second);
            assertThat(lookedUpOn.get()).isSameAs(first);
            assertThat(lookups).as("one lookup for both").hasValue(1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    private void askOnContext(CompletableFuture<Integer> answer, AtomicReference<Context> lookedUpOn,
            CompletableFuture<Context> wentOnOn) {
        flights.run("key", ignored -> Uni.createFrom().completionStage(() -> {
            lookups.incrementAndGet();
            lookedUpOn.set(Vertx.currentContext());
            return answer;
        })).subscribe().with(value -> wentOnOn.complete(Vertx.currentContext()), wentOnOn::completeExceptionally);
    }

    private CompletableFuture<Integer> ask(String key, CompletableFuture<Integer> answer) {
        return flights.run(key, ignored -> Uni.createFrom().completionStage(() -> {
            lookups.incrementAndGet();
            return answer;
        })).subscribeAsCompletionStage();
    }
}
