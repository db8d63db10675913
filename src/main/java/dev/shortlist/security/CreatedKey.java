package dev.shortlist.security;

/** A new key and its secret, which is shown this once and never again. */
public record CreatedKey(ApiKey key, String secret) {
}
