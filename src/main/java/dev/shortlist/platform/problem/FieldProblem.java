package dev.shortlist.platform.problem;

import java.util.List;

/** A refusal that names the one field at fault: the detail reads "field: message." and the errors list that field. */
public class FieldProblem extends ProblemException {

    private final String field;

    public FieldProblem(int status, String type, String title, String field, String message) {
        super(status, type, title, message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String detail() {
        return field + ": " + getMessage() + ".";
    }

    @Override
    public List<FieldError> fieldErrors() {
        return List.of(new FieldError(field, getMessage()));
    }
}
