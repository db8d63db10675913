package dev.shortlist.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.shortlist.platform.problem.ProblemException;
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
import java.net.URI;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place failures become responses: every error leaves as
 * {@code application/problem+json}, names the fields at fault, and never shows a stack
 * trace or a class name. 5xx are logged with their stack trace; 4xx only at debug.
 */
public class ProblemMapper {

    static final String TYPE_BASE = "https://shortlist.dev/problems/";

    /** Redis' host:port, to tell a refused connection to it from one to the database. */
    private final String redisAddress;

    ProblemMapper(@ConfigProperty(name = "quarkus.redis.hosts") Optional<String> redisHosts) {
        this.redisAddress = redisHosts.map(ProblemMapper::hostAndPort).orElse(null);
    }

    /** Every refusal of our own: its status, type, title, fields and headers come with it. */
    @ServerExceptionMapper
    public RestResponse<Problem> refused(ProblemException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.fieldErrors().isEmpty() ? null
                : e.fieldErrors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList();
        RestResponse<Problem> response = problem(statusOf(e.status()), e.type(), e.title(), e.detail(), uri, errors, e.limitName());
        e.headers().forEach(response.getHeaders()::putSingle);
        return response;
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

    /**
     * The database, Redis or the disk failing is not the request's fault: 503 with
     * {@code Retry-After} and a type naming the cause, so clients retry instead of giving up.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        Optional<Outage> outage = Outage.of(e, redisAddress);
        if (outage.isPresent()) {
            return unavailable(outage.get(), e, uri);
        }
        if (clientLeft(e)) {
            // The caller hung up mid-request (an upload abandoned, say): nobody is left to answer, nothing broke here.
            Log.debugf("The client of %s closed the connection before the request was read", uri.getPath());
            return problem(Response.Status.BAD_REQUEST, "client-closed", "Client closed the connection",
                    "The connection closed before the request was read.", uri, null);
        }
        Log.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be completed; it has been logged.", uri, null);
    }

    private static boolean clientLeft(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static RestResponse<Problem> unavailable(Outage outage, Throwable e, UriInfo uri) {
        // Expected while a dependency restarts: one line each, not a stack trace per request.
        Log.warnf("503 %s for %s: %s", outage.type, uri.getPath(), e);
        RestResponse<Problem> response = problem(Response.Status.SERVICE_UNAVAILABLE, outage.type, outage.title,
                outage.detail, uri, null);
        response.getHeaders().putSingle("Retry-After", String.valueOf(outage.retryAfter.toSeconds()));
        return response;
    }

    /** "redis://user:pw@host:port/db" → "host:port" (the default port when absent). */
    static String hostAndPort(String hosts) {
        URI first = URI.create(hosts.split(",")[0].trim());
        return first.getHost() + ":" + (first.getPort() > 0 ? first.getPort() : 6379);
    }

    private static RestResponse<Problem> badRequest(UriInfo uri, List<Problem.FieldError> errors) {
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", detail, uri, errors);
    }

    static RestResponse<Problem> problem(Response.StatusType status, String type, String title, String detail,
            UriInfo uri, List<Problem.FieldError> errors) {
        return problem(status, type, title, detail, uri, errors, null);
    }

    private static RestResponse<Problem> problem(Response.StatusType status, String type, String title, String detail,
            UriInfo uri, List<Problem.FieldError> errors, String limit) {
        Log.debugf("%d %s: %s", status.getStatusCode(), uri.getPath(), detail);
        Problem body = new Problem(typeUri(type), title, status.getStatusCode(), detail, uri.getPath(), errors, limit);
        return RestResponse.ResponseBuilder.create(status, body)
                .header("Content-Type", Problem.MEDIA_TYPE)
                .build();
    }

    /** The problem type URI of a short type such as {@code not-found}. */
    static String typeUri(String type) {
        return TYPE_BASE + type;
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
