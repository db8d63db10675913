package dev.shortlist.submit;

import java.time.Duration;

/**
 * A submit that found no statement to carry it within the database's acquire timeout:
 * nothing was written, and the client is told the database is busy.
 */
public class SubmitWritesStalledException extends RuntimeException {

    public SubmitWritesStalledException(Duration waited) {
        super("No database write took this submit within " + waited.toMillis() + " ms; nothing was stored", null, false, false);
    }
}
