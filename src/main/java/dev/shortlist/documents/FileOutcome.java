package dev.shortlist.documents;

import dev.shortlist.platform.problem.ProblemException;

/**
 * What became of one file of a bulk upload: stored as a document, or refused and why.
 *
 * @param name    the file's name, or its path inside the archive it came in
 * @param source  where it came in ({@code files[2]}, {@code body})
 * @param stored  the document, when stored (possibly one the owner had already)
 * @param refusal why it was not stored, otherwise
 */
public record FileOutcome(String name, String source, Stored stored, ProblemException refusal) {

    static FileOutcome stored(String name, String source, Stored stored) {
        return new FileOutcome(name, source, stored, null);
    }

    static FileOutcome refused(String name, String source, ProblemException refusal) {
        return new FileOutcome(name, source, null, refusal);
    }

    public boolean isStored() {
        return stored != null;
    }
}
