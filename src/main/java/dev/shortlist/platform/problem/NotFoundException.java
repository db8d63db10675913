package dev.shortlist.platform.problem;

/**
 * No such thing is visible to the caller: a 404 that names what was asked for. Another
 * owner's job and an id that was never one answer alike, so ids cannot be probed.
 */
public class NotFoundException extends ProblemException {

    /** {@code kind}: what was asked for, as a person says it ("job", "batch", "document", "posting"). */
    public NotFoundException(String kind, Object id) {
        super(404, "not-found", "Not found", "No " + kind + " " + id);
    }
}
