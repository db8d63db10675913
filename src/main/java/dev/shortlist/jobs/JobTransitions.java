package dev.shortlist.jobs;

import static dev.shortlist.jobs.JobStatus.CANCELLED;
import static dev.shortlist.jobs.JobStatus.FAILED;
import static dev.shortlist.jobs.JobStatus.QUEUED;
import static dev.shortlist.jobs.JobStatus.RUNNING;
import static dev.shortlist.jobs.JobStatus.SUCCEEDED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The legal moves between job states, as one table. Every write in {@link JobWrites} that
 * changes a status takes its SQL guard ({@code status IN (...)}) from here, so a statement
 * cannot move a job in a way the table forbids: such a statement fails when the class loads,
 * and a job in the wrong state is left untouched (the write reports that it lost).
 */
public final class JobTransitions {

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = new EnumMap<>(JobStatus.class);

    static {
        // claimed by a pipeline; cancelled by its owner (or its batch)
        ALLOWED.put(QUEUED, EnumSet.of(RUNNING, CANCELLED));
        // completed, failed for good, cancelled, or back to the queue (retry, quota wait, drain, expired lease)
        ALLOWED.put(RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED));
        // the ends: a result written once is never overwritten
        ALLOWED.put(SUCCEEDED, EnumSet.noneOf(JobStatus.class));
        ALLOWED.put(FAILED, EnumSet.noneOf(JobStatus.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(JobStatus.class));
    }

    /** The states a job is inserted in: queued, or succeeded when the cache answered it at submit. */
    static final Set<JobStatus> INITIAL = Collections.unmodifiableSet(EnumSet.of(QUEUED, SUCCEEDED));

    private JobTransitions() {
    }

    public static boolean isAllowed(JobStatus from, JobStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Where a job in {@code from} may go next; empty for the terminal states. */
    public static Set<JobStatus> allowedFrom(JobStatus from) {
        return Collections.unmodifiableSet(ALLOWED.get(from));
    }

    /**
     * The SQL guard of a write that moves jobs from any of {@code from} to one of {@code to}:
     * {@code status IN ('queued', 'running')}. Throws when the table forbids any of the moves.
     */
    static String guard(Set<JobStatus> from, JobStatus... to) {
        for (JobStatus source : from) {
            for (JobStatus target : to) {
                if (!isAllowed(source, target)) {
                    throw new IllegalStateException("a job may not move from " + source.wireName() + " to " + target.wireName());
                }
            }
        }
        return from.stream().sorted().map(status -> "'" + status.wireName() + "'")
                .collect(Collectors.joining(", ", "status IN (", ")"));
    }

    /** The guard of a write that inserts jobs in {@code status}. */
    static String initial(JobStatus status) {
        if (!INITIAL.contains(status)) {
            throw new IllegalStateException("a job may not be created " + status.wireName());
        }
        return "'" + status.wireName() + "'";
    }
}
