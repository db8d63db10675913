package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A job's or batch's {@code options.blind}: {@code true} hides who the candidate is in every
 * output of the job. It is part of the input, so it is hashed with it: a blind job never
 * shares a cached result with a job that is not.
 */
final class BlindOption {

    static final String FIELD = "options.blind";

    private BlindOption() {
    }

    static void check(JsonNode options, List<InvalidInputException.Violation> violations) {
        JsonNode blind = options == null ? null : options.get("blind");
        if (blind != null && !blind.isNull() && !blind.isBoolean()) {
            violations.add(new InvalidInputException.Violation(FIELD, "must be true or false"));
        }
    }
}
