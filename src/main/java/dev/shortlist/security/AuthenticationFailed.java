package dev.shortlist.security;

/** The request carries no usable key (401), or its key may not use this route (403). */
public class AuthenticationFailed extends RuntimeException {

    private final boolean forbidden;

    AuthenticationFailed(String message, boolean forbidden) {
        super(message);
        this.forbidden = forbidden;
    }

    public boolean forbidden() {
        return forbidden;
    }
}
