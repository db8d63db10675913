package dev.shortlist.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a job does. The wire name is the lower-case word used in the API and in the database. */
public enum JobType {
    /** Resume + job description → score, recommendation, matched and missing skills, evidence. */
    SCORE,
    /** Resume + job description → the resume rewritten for the job, never inventing experience. */
    TAILOR,
    /** Candidate profile + job description → a new resume. */
    GENERATE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JobType fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
