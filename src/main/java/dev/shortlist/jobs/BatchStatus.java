package dev.shortlist.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a batch stands, read from its children: never stored, so it cannot disagree with them. */
public enum BatchStatus {
    /** Some children have not ended. */
    RUNNING,
    /** Every child ended (succeeded, failed or cancelled one by one). */
    COMPLETED,
    /** Its owner cancelled it. */
    CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BatchStatus of(Batch batch) {
        return batch.cancelledAt() != null ? CANCELLED : batch.isFinished() ? COMPLETED : RUNNING;
    }
}
