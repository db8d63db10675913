package dev.shortlist.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.quota.KeyLimits;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, lists, revokes and recognises API keys. Recognising a key costs one hash and,
 * at most once per key and cache period, one query.
 */
@ApplicationScoped
public class ApiKeys {

    static final String KEY_PREFIX = "sl_";
    private static final int SECRET_BYTES = 32;
    private static final int SHOWN_PREFIX = 10;

    private static final String INSERT = """
            INSERT INTO api_keys (id, name, prefix, key_hash, role, limits) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)
            ON CONFLICT (key_hash) DO NOTHING
            RETURNING *
            """;
    private static final String FIND_BY_HASH = "SELECT * FROM api_keys WHERE key_hash = $1";
    private static final String LIST = "SELECT * FROM api_keys ORDER BY created_at, id";
    private static final String REVOKE = """
            UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *, key_hash
            """;

    private record Cached(Optional<ApiKey> key, Instant until) {
    }

    private final Pool pool;
    private final SecurityConfig config;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();

    ApiKeys(Pool pool, SecurityConfig config, Clock clock, ObjectMapper mapper) {
        this.mapper = mapper;
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    /** Installs the bootstrap admin key, if one is configured and not yet known. */
    void bootstrap(@Observes StartupEvent event) {
        config.bootstrapAdminKey().filter(key -> !key.isBlank()).ifPresent(secret -> {
            pool.preparedQuery(INSERT)
                    .execute(Tuple.tuple(List.of(UUID.randomUUID(), "bootstrap admin", shown(secret), hash(secret), "admin"))
                            .addValue(null))
                    .await().atMost(Duration.ofSeconds(10));
            Log.info("Bootstrap admin key installed");
        });
    }

    public Uni<CreatedKey> create(String name, String role, KeyLimits limits) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(UUID.randomUUID(), name, shown(secret), hash(secret), role))
                        .addValue(limits == null ? null : json(limits)))
                .map(rows -> new CreatedKey(toKey(rows.iterator().next()), secret));
    }

    public Uni<List<ApiKey>> list() {
        return pool.query(LIST).execute().map(rows -> {
            List<ApiKey> keys = new java.util.ArrayList<>();
            rows.forEach(row -> keys.add(toKey(row)));
            return keys;
        });
    }

    /** Revokes the key (at once on this replica, within the cache period on the others); empty when there is no such key. */
    public Uni<Optional<ApiKey>> revoke(UUID id) {
        return pool.preparedQuery(REVOKE).execute(Tuple.of(id)).map(rows -> {
            if (rows.rowCount() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            byHash.remove(row.getString("key_hash"));
            return Optional.of(toKey(row));
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
        return pool.preparedQuery(FIND_BY_HASH).execute(Tuple.of(hash)).map(rows -> {
            Optional<ApiKey> key = rows.rowCount() == 0 ? Optional.empty() : Optional.of(toKey(rows.iterator().next()));
            Optional<ApiKey> live = key.filter(found -> found.revokedAt() == null);
            byHash.put(hash, new Cached(live, now.plus(config.keyCacheTtl())));
            return live;
        });
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

    private ApiKey toKey(Row row) {
        var revoked = row.getOffsetDateTime("revoked_at");
        Object limits = row.getValue("limits");
        return new ApiKey(row.getUUID("id"), row.getString("name"), row.getString("prefix"), row.getString("role"),
                row.getOffsetDateTime("created_at").toInstant(), revoked == null ? null : revoked.toInstant(),
                limits == null ? KeyLimits.DEFAULTS : limits(limits.toString()));
    }

    private String json(KeyLimits limits) {
        try {
            return mapper.writeValueAsString(limits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyLimits limits(String text) {
        try {
            return mapper.readValue(text, KeyLimits.class);
        } catch (JsonProcessingException e) {
            Log.warnf("An API key's stored limits are unreadable; the defaults apply: %s", e.getOriginalMessage());
            return KeyLimits.DEFAULTS;
        }
    }
}
