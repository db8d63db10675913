package dev.shortlist.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.shortlist.documents.DocumentNotFoundException;
import dev.shortlist.documents.DocumentRejected;
import dev.shortlist.documents.UnknownDocumentException;
import dev.shortlist.jobs.BatchNotFoundException;
import dev.shortlist.jobs.IdempotencyConflictException;
import dev.shortlist.jobs.JobFinishedException;
import dev.shortlist.jobs.QueueFullException;
import dev.shortlist.quota.Allowance;
import dev.shortlist.quota.QuotaExceededException;
import dev.shortlist.quota.RateLimitedException;
import dev.shortlist.jobs.InvalidInputException;
import dev.shortlist.jobs.JobNotFoundException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place failures become responses: every error leaves as
 * {@code application/problem+json}, names the fields at fault, and never shows a stack
 * trace or a class name. 5xx are logged with their stack trace; 4xx only at debug.
 */
public class ProblemMapper {

    private static final String TYPE_BASE = "https://shortlist.dev/problems/";

    @ServerExceptionMapper
    public RestResponse<Problem> invalidInput(InvalidInputException e, UriInfo uri) {
        return badRequest(uri, e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.message()))
                .toList());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        return badRequest(uri, e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return badRequest(uri, List.of(new Problem.FieldError(pathOf(e), "is not a known field")));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> badValue(InvalidFormatException e, UriInfo uri) {
        String expected = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "must be one of " + Arrays.stream(e.getTargetType().getEnumConstants())
                        .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                : "is not a valid " + simpleTypeName(e.getTargetType());
        return badRequest(uri, List.of(new Problem.FieldError(pathOf(e), expected)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> wrongShape(MismatchedInputException e, UriInfo uri) {
        String field = pathOf(e);
        String message = e.getTargetType() == null ? "has the wrong type"
                : "must be " + article(simpleTypeName(e.getTargetType()));
        return badRequest(uri, List.of(new Problem.FieldError(field.isEmpty() ? "(body)" : field, message)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return problem(Response.Status.BAD_REQUEST, "malformed-json", "Malformed JSON",
                "The body is not valid JSON" + where + ".", uri, null);
    }

    /** Absent, or another caller's: the two are indistinguishable on purpose. */
    @ServerExceptionMapper({ JobNotFoundException.class, BatchNotFoundException.class, DocumentNotFoundException.class })
    public RestResponse<Problem> notFound(RuntimeException e, UriInfo uri) {
        return problem(Response.Status.NOT_FOUND, "not-found", "Not found", e.getMessage() + ".", uri, null);
    }

    /** No usable key: a missing, malformed, unknown or revoked one, or none on a route that needs a role. */
    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public RestResponse<Problem> unauthorized(RuntimeException e, UriInfo uri) {
        String detail = e instanceof AuthenticationFailedException && e.getMessage() != null ? e.getMessage()
                : "this route needs an API key with the admin role: Authorization: Bearer <key>";
        RestResponse<Problem> response = problem(Response.Status.UNAUTHORIZED, "unauthorized", "Unauthorized", detail + ".", uri, null);
        response.getHeaders().putSingle("WWW-Authenticate", "Bearer");
        return response;
    }

    /** A key whose role does not open the route. */
    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Response.Status.FORBIDDEN, "forbidden", "Forbidden", "This key's role may not use this route.", uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> jobFinished(JobFinishedException e, UriInfo uri) {
        return problem(Response.Status.CONFLICT, "job-finished", "Job already ended", e.getMessage() + ".", uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> resultUnavailable(JobResultUnavailableException e, UriInfo uri) {
        return problem(Response.Status.CONFLICT, "result-unavailable", "No result", e.getMessage() + ".", uri, null);
    }

    /** Lists the formats that are offered, so the client can ask again. */
    @ServerExceptionMapper
    public RestResponse<Problem> formatNotAcceptable(ResultFormatNotAcceptableException e, UriInfo uri) {
        return problem(Response.Status.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                e.field() + " " + e.getMessage() + ". Offered: " + e.offered() + ".", uri,
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> idempotencyConflict(IdempotencyConflictException e, UriInfo uri) {
        return problem(statusOf(422), "idempotency-key-reused", "Idempotency-Key reused", e.getMessage() + ".", uri,
                List.of(new Problem.FieldError("Idempotency-Key", "was already used for a different request")));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> rateLimited(RateLimitedException e, UriInfo uri) {
        RestResponse<Problem> response = problem(statusOf(429), "rate-limited", "Too many requests", e.getMessage() + ".", uri, null);
        RateLimits.put(response.getHeaders(), e.allowance());
        response.getHeaders().putSingle("Retry-After", String.valueOf(Math.max(1, Allowance.seconds(e.allowance().retryAfter()))));
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> quotaExceeded(QuotaExceededException e, UriInfo uri) {
        RestResponse<Problem> response = problem(statusOf(429), "quota-exceeded", "Daily quota used up", e.getMessage() + ".", uri, null);
        long seconds = Math.max(1, java.time.Duration.between(java.time.Instant.now(), e.resetAt()).toSeconds() + 1);
        response.getHeaders().putSingle("Retry-After", String.valueOf(seconds));
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> bodyTooLarge(RateLimits.BodyTooLarge e, UriInfo uri) {
        return problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large", "Request body too large",
                e.getMessage() + ".", uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> queueFull(QueueFullException e, UriInfo uri) {
        RestResponse<Problem> response = problem(statusOf(429), "queue-full", "Too many queued jobs", e.getMessage() + ".", uri, null);
        response.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
        return response;
    }


    @ServerExceptionMapper
    public RestResponse<Problem> unknownDocument(UnknownDocumentException e, UriInfo uri) {
        return badRequest(uri, List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> documentRejected(DocumentRejected e, UriInfo uri) {
        Response.StatusType status = statusOf(e.status());
        return problem(status, e.code(), status.getReasonPhrase(), e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            Log.errorf(e, "Request to %s failed", uri.getPath());
        }
        String title = status.getReasonPhrase();
        String detail = status.getStatusCode() == 404 ? "Nothing here: " + uri.getPath() : title + ".";
        return problem(status, title.toLowerCase(Locale.ROOT).replace(' ', '-'), title, detail, uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be completed; it has been logged.", uri, null);
    }

    private static RestResponse<Problem> badRequest(UriInfo uri, List<Problem.FieldError> errors) {
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", detail, uri, errors);
    }

    static RestResponse<Problem> problem(Response.StatusType status, String type, String title, String detail,
            UriInfo uri, List<Problem.FieldError> errors) {
        Log.debugf("%d %s: %s", status.getStatusCode(), uri.getPath(), detail);
        Problem body = new Problem(TYPE_BASE + type, title, status.getStatusCode(), detail, uri.getPath(), errors);
        return RestResponse.ResponseBuilder.create(status, body)
                .header("Content-Type", Problem.MEDIA_TYPE)
                .build();
    }

    /** The standard status for a code, including those JAX-RS has no constant for (422). */
    static Response.StatusType statusOf(int code) {
        Response.StatusType known = Response.Status.fromStatusCode(code);
        if (known != null) {
            return known;
        }
        String reason = code == 422 ? "Unprocessable Content" : code == 429 ? "Too Many Requests" : "Error";
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return code;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(code);
            }

            @Override
            public String getReasonPhrase() {
                return reason;
            }
        };
    }

    /**
     * "submit.request.resume.text" → "resume.text", "submit.request.resumes[3].text" →
     * "resumes[3].text": drop the method and parameter names, keep list positions.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        int depth = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            if (depth++ < 2) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().isEmpty()) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "(body)" : field.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "array";
        }
        return type.isEnum() ? "string" : "object";
    }

    private static String article(String noun) {
        return (noun.startsWith("a") || noun.startsWith("o") ? "an " : "a ") + noun;
    }
}
