package dev.shortlist.cpu;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One lookup per key at a time: callers that ask while it runs share its outcome. Where a
 * value is cached for a while, the moment it expires under load would otherwise send every
 * request that arrives before the first answer to the database at once (a thousand event
 * streams opened together, one key's queue counted for each of a burst of submits).
 * Each caller goes on on its own Vert.x context, as if it had asked alone.
 */
public final class SingleFlight<K, V> {

    private final Map<K, Uni<V>> running = new ConcurrentHashMap<>();

    public Uni<V> run(K key, Function<K, Uni<V>> lookup) {
        Context caller = Vertx.currentContext();
        Uni<V> shared = running.get(key);
        if (shared == null) {
            Uni<V> mine = shared(key, lookup);
            shared = running.putIfAbsent(key, mine);
            if (shared == null) {
                shared = mine;
                // Started at once by the caller who asked first, on its context: a lookup that needs
                // its context (a Hibernate Reactive session) runs where it was made, whoever waits on it.
                mine.subscribe().with(ignored -> { }, ignored -> { });
            }
        }
        return caller == null ? shared : shared.emitOn(next -> caller.runOnContext(ignored -> next.run()));
    }

    private Uni<V> shared(K key, Function<K, Uni<V>> lookup) {
        AtomicReference<Uni<V>> self = new AtomicReference<>();
        Uni<V> shared = lookup.apply(key)
                .onTermination().invoke(() -> running.remove(key, self.get()))
                .memoize().indefinitely();
        self.set(shared);
        return shared;
    }
}
