package dev.shortlist.jobs;

import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.platform.problem.InvalidInputException.Violation;
import java.util.List;
import java.util.Optional;

/** The {@code Idempotency-Key} header's one rule, for every operation that takes one: 1 to a configured number of characters. */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** What is wrong with the key, if anything; a key not given is fine. */
    public static Optional<Violation> problem(String key, JobsConfig config) {
        return key != null && (key.isBlank() || key.length() > config.idempotencyKeyMaxChars())
                ? Optional.of(new Violation("Idempotency-Key", "must be 1 to " + config.idempotencyKeyMaxChars() + " characters"))
                : Optional.empty();
    }

    /** The same, refused at once with a 400 that names the header. */
    public static void require(String key, JobsConfig config) {
        problem(key, config).ifPresent(violation -> {
            throw new InvalidInputException(List.of(violation));
        });
    }
}
