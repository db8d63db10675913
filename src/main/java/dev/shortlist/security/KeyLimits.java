package dev.shortlist.security;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Limits one key has instead of the configured defaults; a null field keeps the default.
 * Stored with the key as JSON.
 */
@Schema(name = "KeyLimits", description = "Per-key overrides of the default limits; omitted fields keep the default")
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record KeyLimits(
        @Schema(description = "Job and batch submits per minute") Integer submitPerMinute,
        @Schema(description = "Document uploads per minute") Integer uploadPerMinute,
        @Schema(description = "Other API requests per minute") Integer readPerMinute,
        @Schema(description = "Jobs per UTC day (batch children count)") Integer jobsPerDay,
        @Schema(description = "Jobs per UTC day by job type, e.g. {\"tailor\": 5}") Map<String, Integer> jobsPerDayByType) {

    public static final KeyLimits DEFAULTS = new KeyLimits(null, null, null, null, null);

    public KeyLimits {
        jobsPerDayByType = jobsPerDayByType == null ? null : Map.copyOf(jobsPerDayByType);
    }

    @JsonIgnore
    public boolean isDefault() {
        return submitPerMinute == null && uploadPerMinute == null && readPerMinute == null && jobsPerDay == null
                && (jobsPerDayByType == null || jobsPerDayByType.isEmpty());
    }
}
