package dev.shortlist.notifications;

/** A failed delivery as the outboxes record it: the failure's message, short enough for a column and a log line. */
final class DeliveryError {

    private static final int MAX_CHARS = 500;

    private DeliveryError() {
    }

    static String of(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) : message;
    }
}
