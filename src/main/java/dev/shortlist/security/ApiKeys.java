package dev.shortlist.security;

import dev.shortlist.platform.cpu.SingleFlight;
import dev.shortlist.platform.quota.KeyLimits;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, lists, rotates, revokes and recognises API keys. Recognising a key costs one hash
 * and, at most once per key and cache period, one query, shared by the requests that arrive
 * while it runs; when it was last used is written at most once a minute per key.
 */
@ApplicationScoped
public class ApiKeys {

    static final String KEY_PREFIX = "sl_";
    private static final int SECRET_BYTES = 32;
    private static final int SHOWN_PREFIX = 10;
    /** How often a replica writes that a key was used: enough for "last used", no write per request. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = $1 WHERE id = $2";

    private record Cached(Optional<ApiKey> key, Instant until) {
    }

    private final ApiKeyRepository repository;
    private final SecurityConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
    private final SingleFlight<String, Optional<ApiKey>> lookups = new SingleFlight<>();
    private final Map<UUID, Instant> lastUsedWritten = new ConcurrentHashMap<>();
    private final Pool pool;

    ApiKeys(ApiKeyRepository repository, SecurityConfig config, Clock clock, Pool pool) {
        this.repository = repository;
        this.pool = pool;
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
    public Uni<CreatedKey> create(String name, String role, KeyLimits limits, boolean blindByDefault, Instant expiresAt) {
        String secret = newSecret();
        ApiKeyEntity key = newKey(name, secret, role, limits);
        key.blindByDefault = blindByDefault;
        key.expiresAt = expiresAt;
        return repository.persist(key).map(stored -> new CreatedKey(stored.toKey(), secret));
    }

    public Uni<List<ApiKey>> list() {
        return repository.listByAge().map(all -> all.stream().map(ApiKeyEntity::toKey).toList());
    }

    /** Revokes the key (at once on this replica, within the cache period on the others); empty when there is no such key. */
    @WithTransaction
    public Uni<Optional<ApiKey>> revoke(UUID id) {
        return change(id, stored -> {
            if (stored.revokedAt == null) {
                stored.revokedAt = clock.instant();
            }
        });
    }

    /**
     * Sets whether the key's jobs and batches screen blind unless they say otherwise (at once
     * on this replica, within the cache period on the others); empty when there is no such key.
     */
    @WithTransaction
    public Uni<Optional<ApiKey>> screenBlindByDefault(UUID id, boolean blind) {
        return change(id, stored -> stored.blindByDefault = blind);
    }

    /**
     * A new secret for the key; the one it replaces keeps working for {@code grace} (none: refused
     * at once on this replica, within the cache period on the others). Empty when there is no such
     * key; a revoked or expired key is not rotated.
     */
    @WithTransaction
    public Uni<Optional<CreatedKey>> rotate(UUID id, Duration grace) {
        return repository.findById(id).map(stored -> {
            if (stored == null) {
                return Optional.empty();
            }
            if (stored.revokedAt != null || expired(stored.expiresAt, clock.instant())) {
                throw new KeyNotRotatable(stored.revokedAt != null ? "the key is revoked" : "the key has expired");
            }
            String secret = newSecret();
            forget(stored);
            stored.previousKeyHash = stored.keyHash;
            stored.previousValidUntil = clock.instant().plus(grace);
            stored.keyHash = hash(secret);
            stored.prefix = shown(secret);
            return Optional.of(new CreatedKey(stored.toKey(), secret));
        });
    }

    /** Sets the key's limits (null: the configured defaults); empty when there is no such key. */
    @WithTransaction
    public Uni<Optional<ApiKey>> changeLimits(UUID id, KeyLimits limits) {
        return change(id, stored -> stored.limits = limits);
    }

    /** Edits the stored key inside the caller's transaction; this replica forgets what it cached about its secrets. */
    private Uni<Optional<ApiKey>> change(UUID id, java.util.function.Consumer<ApiKeyEntity> edit) {
        return repository.findById(id).map(stored -> {
            if (stored == null) {
                return Optional.empty();
            }
            edit.accept(stored);
            forget(stored);
            return Optional.of(stored.toKey());
        });
    }

    private void forget(ApiKeyEntity stored) {
        byHash.remove(stored.keyHash);
        if (stored.previousKeyHash != null) {
            byHash.remove(stored.previousKeyHash);
        }
    }

    /** The live key with this secret, if any: not revoked, not expired, and not a secret whose grace after a rotation ended. */
    Uni<Optional<ApiKey>> recognise(String secret) {
        String hash = hash(secret);
        Cached cached = byHash.get(hash);
        Instant now = clock.instant();
        if (cached != null && cached.until().isAfter(now)) {
            cached.key().ifPresent(this::touch);
            return Uni.createFrom().item(cached.key());
        }
        // Requests with this key that arrive while it is looked up share the lookup.
        return lookups.run(hash, key -> repository.findBySecretHash(key).map(stored -> {
            Optional<ApiKey> live = Optional.ofNullable(stored)
                    .filter(found -> found.revokedAt == null && !expired(found.expiresAt, now))
                    .filter(found -> key.equals(found.keyHash) || !expired(found.previousValidUntil, now))
                    .map(ApiKeyEntity::toKey);
            byHash.put(key, new Cached(live, cachedUntil(stored, key, now)));
            return live;
        })).invoke(live -> live.ifPresent(this::touch));
    }

    /** Trusted for the cache period, but never past the moment the key or this secret stops working. */
    private Instant cachedUntil(ApiKeyEntity stored, String hash, Instant now) {
        Instant until = now.plus(config.keyCacheTtl());
        if (stored != null && stored.expiresAt != null && stored.expiresAt.isBefore(until)) {
            until = stored.expiresAt;
        }
        if (stored != null && !hash.equals(stored.keyHash) && stored.previousValidUntil != null
                && stored.previousValidUntil.isBefore(until)) {
            until = stored.previousValidUntil;
        }
        return until;
    }

    private static boolean expired(Instant until, Instant now) {
        return until != null && !until.isAfter(now);
    }

    /** Notes that the key was used: written at most once a minute per key on this replica, never awaited by the request. */
    private void touch(ApiKey key) {
        Instant now = clock.instant();
        Instant written = lastUsedWritten.get(key.id());
        if (written != null && written.plus(LAST_USED_PRECISION).isAfter(now)) {
            return;
        }
        boolean mine = written == null ? lastUsedWritten.putIfAbsent(key.id(), now) == null
                : lastUsedWritten.replace(key.id(), written, now);
        if (!mine) {
            return; // another request of this minute writes it
        }
        pool.preparedQuery(TOUCH).execute(Tuple.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), key.id())).subscribe().with(
                ignored -> { },
                failure -> Log.debugf("Could not note that key %s was used: %s", key.id(), failure.getMessage()));
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
