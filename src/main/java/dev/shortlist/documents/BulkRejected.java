package dev.shortlist.documents;

import dev.shortlist.problem.ProblemException;
import java.util.List;

/** A bulk upload refused as a whole, naming the field at fault. */
public class BulkRejected extends ProblemException {

    private final String field;

    BulkRejected(String field, String message) {
        super(422, "bulk-upload-refused", "Unprocessable Content", message);
        this.field = field;
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
