package dev.shortlist.api;

import java.util.List;

/** The caller asked for a form of the result that is not offered (for this job). */
public class ResultFormatNotAcceptableException extends RuntimeException {

    private final String field;
    private final List<ResultFormat> offered;

    ResultFormatNotAcceptableException(String field, String message, List<ResultFormat> offered) {
        super(message);
        this.field = field;
        this.offered = List.copyOf(offered);
    }

    String field() {
        return field;
    }

    /** "json (application/json), markdown (text/markdown), ...". */
    String offered() {
        return String.join(", ", offered.stream().map(format -> format.wireName() + " (" + ResultFormat.mediaTypes(List.of(format)) + ")").toList());
    }
}
