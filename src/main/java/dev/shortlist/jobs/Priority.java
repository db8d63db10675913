package dev.shortlist.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

/** Claim order: every critical job before any high one, and so on down to bulk. */
public enum Priority {
    CRITICAL,
    HIGH,
    NORMAL,
    LOW,
    BULK;

    /** The value stored in {@code jobs.priority}; lower is claimed first. */
    public short rank() {
        return (short) ordinal();
    }

    public static Priority ofRank(int rank) {
        return values()[rank];
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
