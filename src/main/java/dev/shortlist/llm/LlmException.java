package dev.shortlist.llm;

/** A provider could not answer. {@code code} is stable and machine-readable. */
public class LlmException extends RuntimeException {

    private final String code;
    private final boolean retryable;

    public LlmException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public LlmException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
