package dev.shortlist.documents;

import java.nio.file.Path;

/**
 * An upload received to a temporary file.
 *
 * @param declaredType the Content-Type the client sent, if any (a claim, checked against the bytes)
 * @param fileName     the client's file name, if any (a claim too)
 */
public record Upload(Path file, String declaredType, String fileName) {
}
