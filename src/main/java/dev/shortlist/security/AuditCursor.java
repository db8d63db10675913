package dev.shortlist.security;

import dev.shortlist.jobs.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/** Where an audit page ended, opaque to callers (base64url of {@code <epoch-micros>:<id>}). */
public record AuditCursor(Instant at, UUID id) {

    static AuditCursor after(AuditEvent event) {
        return new AuditCursor(event.at(), event.id());
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a cursor a listing handed out; anything else is a bad {@code cursor} parameter. */
    public static AuditCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", 2);
            return new AuditCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this service handed out");
        }
    }
}
