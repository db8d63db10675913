package dev.shortlist.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A batch with every text in place: the job description's and each resume's
 * {@code {"text": ...}}, plus the {@code documentId} or {@code postingId} it came from.
 *
 * @param resumes one per {@code submission.resumes()}, in the same order
 */
record ResolvedBatch(BatchSubmission submission, ObjectNode jobDescription, List<ObjectNode> resumes) {
}
