package dev.shortlist.lifecycle;

/**
 * Cached results could not be removed because Redis did not answer; nothing was deleted,
 * so the request can simply be repeated.
 */
public class RedisUnavailableForErasure extends RuntimeException {

    public RedisUnavailableForErasure(Throwable cause) {
        super("cached results could not be removed because Redis is unavailable; nothing was deleted, try again", cause);
    }
}
