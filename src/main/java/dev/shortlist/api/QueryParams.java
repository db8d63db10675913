package dev.shortlist.api;

import dev.shortlist.platform.problem.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Listing query parameters read the same way everywhere: a bad one is a 400 naming it and what it accepts. */
final class QueryParams {

    private QueryParams() {
    }

    /** A listing's page size: {@link JobResource#DEFAULT_PAGE} when not given, 1 to {@link JobResource#MAX_PAGE}. */
    static int pageSize(Integer limit) {
        int size = limit == null ? JobResource.DEFAULT_PAGE : limit;
        if (size < 1 || size > JobResource.MAX_PAGE) {
            throw new InvalidInputException("limit", "must be between 1 and " + JobResource.MAX_PAGE);
        }
        return size;
    }

    static Instant instant(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant such as 2026-11-30T12:00:00Z");
        }
    }

    /** The value among {@code allowed} whose wire name is {@code value}, whatever its case. */
    static <T> T oneOf(String value, String field, List<T> allowed, Function<T, String> wireName) {
        if (value == null) {
            return null;
        }
        String wanted = value.toLowerCase(Locale.ROOT);
        return allowed.stream().filter(candidate -> wireName.apply(candidate).equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field,
                        "'" + value + "' is not one of " + allowed.stream().map(wireName).toList()));
    }
}
