package dev.shortlist.jobs;

import dev.shortlist.platform.problem.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a listing page ended: the creation time and id of its last job, opaque to
 * callers (base64url of {@code <epoch-micros>:<id>}).
 */
public record JobCursor(Instant createdAt, UUID id) {

    public static JobCursor after(Job job) {
        return new JobCursor(job.createdAt(), job.id());
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a cursor a listing handed out; anything else is a bad {@code cursor} parameter. */
    public static JobCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", 2);
            return new JobCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this service handed out");
        }
    }
}
