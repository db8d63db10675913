package dev.shortlist.security;

import dev.shortlist.quota.KeyLimits;
import java.time.Instant;
import java.util.UUID;

/** An API key as stored: never the secret itself. */
public record ApiKey(UUID id, String name, String prefix, String role, Instant createdAt, Instant revokedAt, KeyLimits limits,
        boolean blindByDefault) {

    public boolean admin() {
        return "admin".equals(role);
    }

    /** Every key is its own owner. */
    public Caller caller() {
        return new Caller(id.toString(), admin(), limits, blindByDefault);
    }
}
