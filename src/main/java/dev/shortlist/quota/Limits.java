package dev.shortlist.quota;

import dev.shortlist.security.KeyLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The limits that hold for a key: its own where it has them, else the configured defaults. */
@ApplicationScoped
class Limits {

    private final LimitsConfig config;

    Limits(LimitsConfig config) {
        this.config = config;
    }

    LimitsConfig config() {
        return config;
    }

    int perMinute(RouteClass route, KeyLimits key) {
        return switch (route) {
            case SUBMIT -> orDefault(key.submitPerMinute(), config.submitPerMinute());
            case UPLOAD -> orDefault(key.uploadPerMinute(), config.uploadPerMinute());
            case READ -> orDefault(key.readPerMinute(), config.readPerMinute());
        };
    }

    int jobsPerDay(KeyLimits key) {
        return orDefault(key.jobsPerDay(), config.jobsPerDay());
    }

    /** The daily cap for one job type, if there is one. */
    Optional<Integer> jobsPerDay(String type, KeyLimits key) {
        return Optional.ofNullable(typeLimits(key).get(type));
    }

    /** Every per-type daily cap for this key, by type. */
    Map<String, Integer> typeLimits(KeyLimits key) {
        Map<String, Integer> limits = new TreeMap<>(config.jobsPerDayByType());
        if (key.jobsPerDayByType() != null) {
            limits.putAll(key.jobsPerDayByType());
        }
        return limits;
    }

    private static int orDefault(Integer own, int fallback) {
        return own == null ? fallback : own;
    }
}
