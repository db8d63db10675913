package dev.shortlist.jobs;

import java.util.UUID;

/** A job's status or progress changed (announced by the database to every replica). */
public record JobChange(UUID id, JobStatus status, int progress) {

    /** Parses one line of what the {@code jobs_announce_changes} trigger sends: {@code "<id> <status> <progress>"}. */
    static JobChange parse(String payload) {
        String[] parts = payload.split(" ");
        return new JobChange(UUID.fromString(parts[0]), JobStatus.fromWireName(parts[1]), Integer.parseInt(parts[2]));
    }
}
