package dev.shortlist.api;

import dev.shortlist.problem.ProblemException;
import java.util.List;

/** The caller asked for a form of the result that is not offered (for this job). */
public class ResultFormatNotAcceptableException extends ProblemException {

    private final String field;
    private final List<ResultFormat> offered;

    ResultFormatNotAcceptableException(String field, String message, List<ResultFormat> offered) {
        super(406, "not-acceptable", "Not acceptable", message);
        this.field = field;
        this.offered = List.copyOf(offered);
    }

    @Override
    public String detail() {
        return field + " " + getMessage() + ". Offered: " + offered() + ".";
    }

    @Override
    public List<FieldError> fieldErrors() {
        return List.of(new FieldError(field, getMessage()));
    }

    /** "json (application/json), markdown (text/markdown), ...". */
    String offered() {
        return String.join(", ", offered.stream().map(format -> format.wireName() + " (" + ResultFormat.mediaTypes(List.of(format)) + ")").toList());
    }
}
