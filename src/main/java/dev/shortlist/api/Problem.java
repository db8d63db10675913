package dev.shortlist.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code errors} names each bad field of a rejected request;
 * {@code limit} (an extension member) names the limit that refused a 429.
 */
@Schema(name = "Problem")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
        @Schema(description = "On a 429: the limit that refused, e.g. per-hour or documents-per-hour") String limit) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field the request got wrong, by its JSON path ({@code resume.text}). */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }
}
