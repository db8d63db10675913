package dev.shortlist.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A request the service refuses for a reason the caller can act on. Each refusal names its
 * HTTP status, an RFC 9457 problem type and title, and (where one field is at fault) the
 * fields; the API maps every one of them the same way, in one place. It lives apart from
 * the API so that every package the API uses can raise one without depending on the API.
 * No stack trace is kept: a refusal is an answer, not a fault.
 */
public abstract class ProblemException extends RuntimeException {

    /** One field at fault: its JSON path (or header name) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String type;
    private final String title;

    protected ProblemException(int status, String type, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The last part of the problem type URI, such as {@code not-found}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The human-readable detail of the answer. */
    public String detail() {
        return getMessage() + ".";
    }

    /** The fields at fault; empty when no single field is. */
    public List<FieldError> fieldErrors() {
        return List.of();
    }

    /** The limit that refused the request ({@code per-minute}, {@code per-hour}, {@code documents-per-hour}...), or null. */
    public String limitName() {
        return null;
    }

    /** Headers the answer carries, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
