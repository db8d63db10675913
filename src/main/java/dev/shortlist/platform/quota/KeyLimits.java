package dev.shortlist.platform.quota;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Limits set on one API key, each overriding the configured default; null (or a missing
 * entry) means the default. Stored as JSON with the key, so a limit added later reads as
 * null (the default) on keys made before it.
 */
@RegisterForReflection
@Schema(name = "AppliedKeyLimits", description = "A key's own limits; null where the service-wide default applies")
public record KeyLimits(Integer submitPerMinute, Integer readPerMinute, Integer uploadPerMinute, Integer jobsPerDay,
        Map<String, Integer> jobsPerDayByType, Integer submitPerHour, Integer submitPerDay, Integer readPerHour,
        Integer readPerDay, Integer uploadPerHour, Integer uploadPerDay, Integer documentsPerHour, Integer resumesPerHour) {

    public static final KeyLimits DEFAULTS = new KeyLimits(null, null, null, null, Map.of(), null, null, null, null, null, null,
            null, null);

    public KeyLimits {
        jobsPerDayByType = jobsPerDayByType == null ? Map.of() : Map.copyOf(jobsPerDayByType);
    }

    /** This key's own limit of {@code routeClass} requests in {@code window}, or null for the default. */
    Integer perWindow(RouteClass routeClass, Window window) {
        boolean hour = window == Window.PER_HOUR;
        return switch (routeClass) {
            case SUBMIT -> hour ? submitPerHour : submitPerDay;
            case READ -> hour ? readPerHour : readPerDay;
            case UPLOAD -> hour ? uploadPerHour : uploadPerDay;
        };
    }
}
