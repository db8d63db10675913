package dev.shortlist.platform.redis;

/**
 * A key read in the same round trip as another operation, to save a second call to Redis:
 * its value (null when the key does not exist), or unanswered when Redis was not reached and
 * the operation was answered from memory.
 */
public record ReadAlong(boolean answered, String value) {

    public static final ReadAlong UNANSWERED = new ReadAlong(false, null);

    public static ReadAlong answered(String value) {
        return new ReadAlong(true, value);
    }
}
