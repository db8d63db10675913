package dev.shortlist.api;

import dev.shortlist.platform.problem.FieldProblem;
import java.util.List;

/** The caller asked for a form of the result that is not offered (for this job). */
public class ResultFormatNotAcceptableException extends FieldProblem {

    private final List<ResultFormat> offered;

    ResultFormatNotAcceptableException(String field, String message, List<ResultFormat> offered) {
        super(406, "not-acceptable", "Not acceptable", field, message);
        this.offered = List.copyOf(offered);
    }

    @Override
    public String detail() {
        return field() + " " + getMessage() + ". Offered: " + offered() + ".";
    }

    /** "json (application/json), markdown (text/markdown), ...". */
    String offered() {
        return String.join(", ", offered.stream().map(format -> format.wireName() + " (" + ResultFormat.mediaTypes(List.of(format)) + ")").toList());
    }
}
