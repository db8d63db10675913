package dev.shortlist.quota;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * Limits set on one API key, each overriding the configured default; null (or a missing
 * entry) means the default.
 */
@RegisterForReflection
public record KeyLimits(Integer submitPerMinute, Integer readPerMinute, Integer uploadPerMinute, Integer jobsPerDay,
        Map<String, Integer> jobsPerDayByType) {

    public static final KeyLimits DEFAULTS = new KeyLimits(null, null, null, null, Map.of());

    public KeyLimits {
        jobsPerDayByType = jobsPerDayByType == null ? Map.of() : Map.copyOf(jobsPerDayByType);
    }
}
