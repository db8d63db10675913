package dev.shortlist.security;

import dev.shortlist.platform.quota.KeyLimits;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key as stored: never the secret itself. {@code expiresAt} null: it never expires;
 * {@code previousSecretValidUntil}: after a rotation, until when the replaced secret still works.
 */
public record ApiKey(UUID id, String name, String prefix, String role, Instant createdAt, Instant revokedAt, KeyLimits limits,
        boolean blindByDefault, Instant expiresAt, Instant lastUsedAt, Instant previousSecretValidUntil) {

    public boolean admin() {
        return "admin".equals(role);
    }

    /** Every key is its own owner. */
    public Caller caller() {
        return new Caller(id.toString(), admin(), limits, blindByDefault);
    }
}
