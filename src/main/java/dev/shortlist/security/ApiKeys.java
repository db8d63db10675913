package dev.shortlist.security;

import dev.shortlist.cpu.SingleFlight;
import dev.shortlist.quota.KeyLimits;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, lists, revokes and recognises API keys. Recognising a key costs one hash and,
 * at most once per key and cache period, one query, shared by the requests that arrive
 * while it runs.
 */
@ApplicationScoped
public class ApiKeys {

    static final String KEY_PREFIX = "sl_";
    private static final int SECRET_BYTES = 32;
    private static final int SHOWN_PREFIX = 10;

    private record Cached(Optional<ApiKey> key, Instant until) {
    }

    private final ApiKeyRepository repository;
    private final SecurityConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
    private final SingleFlight<String, Optional<ApiKey>> lookups = new SingleFlight<>();

    ApiKeys(ApiKeyRepository repository, SecurityConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Installs the bootstrap admin key, if one is configured and not yet known. Replicas starting
     * together may race to insert it: the loser's unique violation on the hash is harmless.
     */
    void bootstrap(@Observes StartupEvent event) throws Throwable {
        Optional<String> secret = config.bootstrapAdminKey().filter(key -> !key.isBlank());
        if (secret.isEmpty()) {
            return;
        }
        String hash = hash(secret.get());
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository.findByHash(hash)
                        .chain(found -> found != null ? Uni.createFrom().voidItem()
                                : repository.persist(newKey("bootstrap admin", secret.get(), "admin", null)).replaceWithVoid()))
                .onFailure().recoverWithUni(failure -> repository.findByHash(hash).map(found -> {
                    if (found == null) {
                        throw new IllegalStateException("could not install the bootstrap admin key", failure);
                    }
                    return null;
                })));
        Log.info("Bootstrap admin key installed");
    }

    @WithTransaction
    public Uni<CreatedKey> create(String name, String role, KeyLimits limits, boolean blindByDefault) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKeyEntity key = newKey(name, secret, role, limits);
        key.blindByDefault = blindByDefault;
        return repository.persist(key).map(stored -> new CreatedKey(stored.toKey(), secret));
    }

    public Uni<List<ApiKey>> list() {
        return repository.listByAge().map(all -> all.stream().map(ApiKeyEntity::toKey).toList());
    }

    /** Revokes the key (at once on this replica, within the cache period on the others); empty when there is no such key. */
    @WithTransaction
    public Uni<Optional<ApiKey>> revoke(UUID id) {
        return repository.findById(id).map(stored -> {
            if (stored == null) {
                return Optional.empty();
            }
            if (stored.revokedAt == null) {
                stored.revokedAt = clock.instant();
            }
            byHash.remove(stored.keyHash);
            return Optional.of(stored.toKey());
        });
    }

    /**
     * Sets whether the key's jobs and batches screen blind unless they say otherwise (at once
     * on this replica, within the cache period on the others); empty when there is no such key.
     */
    @WithTransaction
    public Uni<Optional<ApiKey>> screenBlindByDefault(UUID id, boolean blind) {
        return repository.findById(id).map(stored -> {
            if (stored == null) {
                return Optional.empty();
            }
            stored.blindByDefault = blind;
            byHash.remove(stored.keyHash);
            return Optional.of(stored.toKey());
        });
    }

    /** The live (not revoked) key with this secret, if any. */
    Uni<Optional<ApiKey>> recognise(String secret) {
        String hash = hash(secret);
        Cached cached = byHash.get(hash);
        Instant now = clock.instant();
        if (cached != null && cached.until().isAfter(now)) {
            return Uni.createFrom().item(cached.key());
        }
        // Requests with this key that arrive while it is looked up share the lookup.
        return lookups.run(hash, key -> repository.findByHash(key).map(stored -> {
            Optional<ApiKey> live = Optional.ofNullable(stored).map(ApiKeyEntity::toKey).filter(found -> found.revokedAt() == null);
            byHash.put(key, new Cached(live, now.plus(config.keyCacheTtl())));
            return live;
        }));
    }

    private static String shown(String secret) {
        return secret.substring(0, Math.min(SHOWN_PREFIX, secret.length()));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiKeyEntity newKey(String name, String secret, String role, KeyLimits limits) {
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = UUID.randomUUID();
        key.name = name;
        key.prefix = shown(secret);
        key.keyHash = hash(secret);
        key.role = role;
        key.createdAt = clock.instant();
        key.limits = limits;
        return key;
    }
}
