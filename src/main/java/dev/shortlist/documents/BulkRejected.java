package dev.shortlist.documents;

import dev.shortlist.platform.problem.FieldProblem;

/** A bulk upload refused as a whole, naming the field at fault. */
public class BulkRejected extends FieldProblem {

    BulkRejected(String field, String message) {
        super(422, "bulk-upload-refused", "Unprocessable Content", field, message);
    }
}
