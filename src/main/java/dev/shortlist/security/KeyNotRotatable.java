package dev.shortlist.security;

import dev.shortlist.platform.problem.ProblemException;

/** A revoked or expired key gets no new secret: create a new key instead. */
public class KeyNotRotatable extends ProblemException {

    KeyNotRotatable(String why) {
        super(409, "key-not-rotatable", "Key cannot be rotated", why + "; create a new key instead");
    }
}
