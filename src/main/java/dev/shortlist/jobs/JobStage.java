package dev.shortlist.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a running job is within its attempt, with the progress it stands for. Kept in memory
 * and announced to every replica ({@link JobStages}); the job's row changes only when it ends.
 */
public enum JobStage {
    /** The job description is read: a stored posting's reading fetched, or the text given read. */
    READING(10),
    /** The resume or profile is screened for injected instructions and personal data is masked. */
    SCREENING(25),
    /** The local engine scores, tailors or writes. */
    SCORING(50),
    /** The remote model has been asked and its answer is awaited (retries and one repair included). */
    MODEL_CALL(50),
    /** The answer was checked; the result is being stored. */
    WRITING(90);

    private final int progress;

    JobStage(int progress) {
        this.progress = progress;
    }

    /** The job's progress, 0–100, once it reached this stage. */
    public int progress() {
        return progress;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStage fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
