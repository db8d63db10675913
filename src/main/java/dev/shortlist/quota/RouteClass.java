package dev.shortlist.quota;

import java.util.Locale;

/** The rate-limited kinds of API request, each with its own bucket per key. */
enum RouteClass {
    SUBMIT, UPLOAD, READ;

    static RouteClass of(String method, String path) {
        if (!"POST".equals(method)) {
            return READ;
        }
        String route = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return switch (route) {
            case "/api/v1/jobs", "/api/v1/batches" -> SUBMIT;
            case "/api/v1/documents" -> UPLOAD;
            default -> READ;
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
