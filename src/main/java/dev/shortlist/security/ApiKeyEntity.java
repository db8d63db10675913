package dev.shortlist.security;

import dev.shortlist.platform.quota.KeyLimits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One row of {@code api_keys}: the hash of a key, never the key itself. */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity {

    @Id
    public UUID id;

    public String name;

    /** The first characters of the key, so people can tell keys apart without the secret. */
    public String prefix;

    @Column(name = "key_hash")
    public String keyHash;

    public String role;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Null: every limit takes the configured default. */
    @JdbcTypeCode(SqlTypes.JSON)
    public KeyLimits limits;

    /** When the key stops working; null: never. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When a request last came with the key, to the minute. */
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** The hash of the secret a rotation replaced, still accepted until {@link #previousValidUntil}. */
    @Column(name = "previous_key_hash")
    public String previousKeyHash;

    @Column(name = "previous_valid_until")
    public Instant previousValidUntil;

    /** Whether the key's jobs and batches screen blind unless they say otherwise. */
    @Column(name = "blind_by_default")
    public boolean blindByDefault;

    ApiKey toKey() {
        return new ApiKey(id, name, prefix, role, createdAt, revokedAt, limits == null ? KeyLimits.DEFAULTS : limits,
                blindByDefault, expiresAt, lastUsedAt, previousKeyHash == null ? null : previousValidUntil);
    }
}
