package dev.shortlist.platform.quota;

import java.time.Instant;

/**
 * One limit window as the caller sees it in {@code GET /api/v1/usage}.
 *
 * @param name       the window: {@code per-hour}, {@code per-day}, {@code documents-per-hour}, {@code resumes-per-hour}
 * @param routeClass the requests it counts ({@code submit}, {@code read}, {@code upload}); null for the document and resume quotas
 * @param scope      {@code key} (this API key) or {@code address} (every key from this client address)
 */
public record LimitUsage(String name, String routeClass, String scope, int limit, long used, long remaining, Instant resetAt) {
}
