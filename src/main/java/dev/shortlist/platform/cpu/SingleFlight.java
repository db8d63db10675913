package dev.shortlist.platform.cpu;

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
            Uni<V> mine = shared(key, lookup, caller);
            shared = running.putIfAbsent(key, mine);
            if (shared == null) {
                shared = mine;
                mine.subscribe().with(ignored -> { }, ignored -> { });
            }
        }
        return OnCaller.backOn(caller, shared);
    }

    /**
     * The lookup starts on the context of the caller who asked first, whoever subscribes first
     * (another caller may find it in the map before its maker subscribes): a lookup that needs
     * its context (a Hibernate Reactive session) runs where it was made.
     */
    private Uni<V> shared(K key, Function<K, Uni<V>> lookup, Context maker) {
        AtomicReference<Uni<V>> self = new AtomicReference<>();
        Uni<V> started = Uni.createFrom().deferred(() -> lookup.apply(key));
        if (maker != null) {
            started = started.runSubscriptionOn(work -> maker.runOnContext(ignored -> work.run()));
        }
        Uni<V> shared = started
                .onTermination().invoke(() -> running.remove(key, self.get()))
                .memoize().indefinitely();
        self.set(shared);
        return shared;
    }
}
