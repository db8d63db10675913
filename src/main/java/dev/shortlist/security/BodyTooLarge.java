package dev.shortlist.security;

/** A request body over its route's cap (413). */
public class BodyTooLarge extends RuntimeException {

    BodyTooLarge(String message) {
        super(message);
    }
}
