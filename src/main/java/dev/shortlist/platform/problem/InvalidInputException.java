package dev.shortlist.platform.problem;

import java.util.List;

/** A request broke a rule that only the service can check (a limit, a combination of fields). */
public class InvalidInputException extends ProblemException {

    /** One broken rule: the JSON path of the field and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(400, "invalid-request", "Invalid request", violations.isEmpty() ? "invalid input" : violations.get(0).field() + ": " + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public String detail() {
        return String.join("; ", violations.stream().map(v -> v.field() + " " + v.message()).toList());
    }

    @Override
    public List<FieldError> fieldErrors() {
        return violations.stream().map(v -> new FieldError(v.field(), v.message())).toList();
    }
}
