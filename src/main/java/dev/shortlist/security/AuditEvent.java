package dev.shortlist.security;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One recorded security event; {@code owner} is the key involved, when there is one. */
public record AuditEvent(UUID id, Instant at, String kind, String owner, String clientIp, Map<String, Object> detail) {
}
