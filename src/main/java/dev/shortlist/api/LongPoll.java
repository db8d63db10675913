package dev.shortlist.api;

import dev.shortlist.platform.problem.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Prefer: wait=<seconds>} (RFC 7240, section 4.3): the client would rather wait for
 * the job to end than poll. Other preferences are not applied and, as the RFC asks, ignored;
 * a wait that is not a number of seconds is refused so a typo does not silently turn a long
 * poll into a busy one.
 */
final class LongPoll {

    static final int MAX_SECONDS = 60;
    static final String APPLIED = "Preference-Applied";

    private LongPoll() {
    }

    /** The wait asked for, at most {@link #MAX_SECONDS}; empty when the header asks for none. */
    static Optional<Duration> requested(String prefer) {
        if (prefer == null) {
            return Optional.empty();
        }
        for (String preference : prefer.split(",")) {
            String[] nameAndValue = preference.split(";", 2)[0].split("=", 2);
            if (!nameAndValue[0].strip().toLowerCase(Locale.ROOT).equals("wait")) {
                continue;
            }
            String value = nameAndValue.length < 2 ? "" : nameAndValue[1].strip().replace("\"", "");
            try {
                long seconds = Long.parseLong(value);
                if (seconds < 0) {
                    throw new NumberFormatException();
                }
                return Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_SECONDS)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Prefer", "wait must be a whole number of seconds (0 to " + MAX_SECONDS
                        + "), not '" + value + "'");
            }
        }
        return Optional.empty();
    }

    static String applied(Duration wait) {
        return "wait=" + wait.toSeconds();
    }
}
