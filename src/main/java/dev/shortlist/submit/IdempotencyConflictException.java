package dev.shortlist.submit;

import dev.shortlist.platform.problem.ProblemException;
import java.util.List;

/** An Idempotency-Key was used before with a different request. */
public class IdempotencyConflictException extends ProblemException {

    public IdempotencyConflictException(String key) {
        super(422, "idempotency-key-reused", "Idempotency-Key reused",
                "Idempotency-Key '" + key + "' was already used for a different request");
    }

    @Override
    public List<FieldError> fieldErrors() {
        return List.of(new FieldError("Idempotency-Key", "was already used for a different request"));
    }
}
