package dev.shortlist.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shortlist.jobs.JobType;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.platform.quota.KeyLimits;
import dev.shortlist.security.ApiKey;
import dev.shortlist.security.ApiKeys;
import dev.shortlist.security.CallerContext;
import dev.shortlist.security.SecurityAudit;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * API keys: create (the secret is shown once), list, rotate, change limits, revoke. Admin keys
 * only (checked before any of this runs); every change is audited.
 */
@RolesAllowed("admin")
@Path("/api/v1/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminKeyResource {

    private static final Set<String> ROLES = Set.of("user", "admin");
    private static final long MAX_GRACE_SECONDS = 30L * 24 * 3600;
    private static final long DEFAULT_GRACE_SECONDS = 24L * 3600;

    /** The body of a key creation. */
    @Schema(name = "CreateKey")
    public record CreateKeyRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}\\p{Cs}]*", message = "must not contain control characters or broken Unicode") String name, @Schema(description = "user (default) or admin") String role,
            @Valid @Schema(description = "Limits of this key; each one left out takes the configured default") LimitsRequest limits,
            @Schema(description = "Whether this key's jobs and batches screen blind unless they say \"blind\": false; default false")
            Boolean blindByDefault,
            @Future(message = "must be in the future") @Schema(description = "When the key stops working (RFC 3339); "
                    + "left out, it never expires") Instant expiresAt) {
    }

    /** The body of a key rotation. */
    @Schema(name = "RotateKey")
    public record RotateRequest(
            @Min(0) @Max(MAX_GRACE_SECONDS) @Schema(description = "Seconds the replaced secret keeps working, so clients can "
                    + "switch over; default 86400 (a day), at most 30 days; 0 refuses it at once") Long graceSeconds) {
    }

    /** The body of a change to how a key screens. */
    @Schema(name = "KeyScreening")
    public record ScreeningRequest(
            @NotNull @Schema(required = true, description = "Whether the key's jobs and batches screen blind unless they say "
                    + "\"blind\": false; applied before the input is hashed, so cached results respect it") Boolean blindByDefault) {
    }

    /**
     * Per-key limits: requests per minute, hour and day by route class, documents and batch
     * resumes per hour, jobs per day in all and by type.
     */
    @Schema(name = "KeyLimits")
    public record LimitsRequest(
            @Min(1) @Max(1_000_000) Integer submitPerMinute,
            @Min(1) @Max(1_000_000) Integer readPerMinute,
            @Min(1) @Max(1_000_000) Integer uploadPerMinute,
            @Min(0) @Max(100_000_000) Integer jobsPerDay,
            @Schema(description = "e.g. {\"tailor\": 5}") Map<JobType, @NotNull @Min(0) @Max(100_000_000) Integer> jobsPerDayByType,
            @Min(1) @Max(100_000_000) Integer submitPerHour,
            @Min(1) @Max(100_000_000) Integer submitPerDay,
            @Min(1) @Max(100_000_000) Integer readPerHour,
            @Min(1) @Max(100_000_000) Integer readPerDay,
            @Min(1) @Max(100_000_000) Integer uploadPerHour,
            @Min(1) @Max(100_000_000) Integer uploadPerDay,
            @Schema(description = "documents stored per hour, each file of a bulk upload counted") @Min(0) @Max(100_000_000) Integer documentsPerHour,
            @Schema(description = "resumes submitted in batches per hour; a larger batch is refused whole") @Min(0) @Max(100_000_000) Integer resumesPerHour) {

        KeyLimits toLimits() {
            Map<String, Integer> byType = new java.util.TreeMap<>();
            if (jobsPerDayByType != null) {
                jobsPerDayByType.forEach((type, limit) -> byType.put(type.wireName(), limit));
            }
            return new KeyLimits(submitPerMinute, readPerMinute, uploadPerMinute, jobsPerDay, byType, submitPerHour, submitPerDay,
                    readPerHour, readPerDay, uploadPerHour, uploadPerDay, documentsPerHour, resumesPerHour);
        }
    }

    /** A key as admins see it; {@code key} (the secret) only in the answers to a creation and a rotation. */
    @Schema(name = "ApiKey")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(UUID id, String name, String prefix, String role, Instant createdAt, Instant revokedAt,
            KeyLimits limits, boolean blindByDefault,
            @Schema(description = "When the key stops working; absent: never") Instant expiresAt,
            @Schema(description = "When a request last came with the key, to the minute; absent: never used") Instant lastUsedAt,
            @Schema(description = "After a rotation, until when the replaced secret still works") Instant previousSecretValidUntil,
            String key) {

        static KeyView of(ApiKey key, String secret) {
            return new KeyView(key.id(), key.name(), key.prefix(), key.role(), key.createdAt(), key.revokedAt(), key.limits(),
                    key.blindByDefault(), key.expiresAt(), key.lastUsedAt(), key.previousSecretValidUntil(), secret);
        }
    }

    private final ApiKeys keys;
    private final SecurityAudit audit;
    private final CallerContext callers;

    public AdminKeyResource(ApiKeys keys, SecurityAudit audit, CallerContext callers) {
        this.keys = keys;
        this.audit = audit;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key", description = "The answer holds the key itself; it is shown this once.")
    @APIResponse(responseCode = "201", description = "Created: the key, shown this once",
            content = @Content(schema = @Schema(implementation = KeyView.class)))
    public Uni<RestResponse<KeyView>> create(@NotNull(message = "a JSON body is required") @Valid CreateKeyRequest request,
            UriInfo uri) {
        String role = request.role() == null ? "user" : request.role();
        if (!ROLES.contains(role)) {
            throw new InvalidInputException("role", "must be one of admin, user");
        }
        return keys.create(request.name().strip(), role, request.limits() == null ? null : request.limits().toLimits(),
                        Boolean.TRUE.equals(request.blindByDefault()), request.expiresAt())
                .invoke(created -> Log.infof("API key %s (%s, %s) created", created.key().id(), created.key().name(), role))
                .invoke(created -> audit.record(SecurityAudit.KEY_CREATED, callers.owner(), null,
                        Map.of("keyId", created.key().id().toString(), "name", created.key().name(), "role", role,
                                "blindByDefault", created.key().blindByDefault(),
                                "expiresAt", String.valueOf(created.key().expiresAt()))))
                .map(created -> RestResponse.ResponseBuilder
                        .<KeyView>created(uri.getAbsolutePathBuilder().path(created.key().id().toString()).build())
                        .entity(KeyView.of(created.key(), created.secret()))
                        .build());
    }

    @GET
    @Operation(summary = "All API keys, without their secrets")
    public Uni<List<KeyView>> list() {
        return keys.list().map(all -> all.stream().map(key -> KeyView.of(key, null)).toList());
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke an API key", description = "Refused from then on (within seconds on other replicas).")
    public Uni<KeyView> revoke(@RestPath UUID id) {
        return changed(keys.revoke(id).invoke(found -> found.ifPresent(key -> Log.infof("API key %s (%s) revoked", key.id(),
                key.name()))), SecurityAudit.KEY_REVOKED, key -> Map.of("keyId", key.id().toString(), "name", key.name()));
    }

    @POST
    @Path("/{id}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate an API key's secret",
            description = "The answer holds the new secret, shown this once. The replaced secret keeps working for "
                    + "graceSeconds (default a day) so clients can switch over; the key's id, limits and jobs stay. Audited.")
    @APIResponse(responseCode = "200", description = "The key with its new secret",
            content = @Content(schema = @Schema(implementation = KeyView.class)))
    @APIResponse(responseCode = "404", description = "No such key")
    @APIResponse(responseCode = "409", description = "The key is revoked or expired")
    public Uni<KeyView> rotate(@RestPath UUID id, @Valid RotateRequest request) {
        long grace = request == null || request.graceSeconds() == null ? DEFAULT_GRACE_SECONDS : request.graceSeconds();
        return keys.rotate(id, Duration.ofSeconds(grace))
                .map(found -> found.orElseThrow(NotFoundException::new))
                .invoke(rotated -> Log.infof("API key %s (%s) rotated", rotated.key().id(), rotated.key().name()))
                .invoke(rotated -> audit.record(SecurityAudit.KEY_ROTATED, callers.owner(), null,
                        Map.of("keyId", rotated.key().id().toString(), "graceSeconds", grace)))
                .map(rotated -> KeyView.of(rotated.key(), rotated.secret()));
    }

    @PUT
    @Path("/{id}/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an API key's limits",
            description = "Replaces the key's limits; each one left out takes the configured default. Audited. Within "
                    + "seconds on other replicas.")
    @APIResponse(responseCode = "200", description = "The key as it now is")
    @APIResponse(responseCode = "404", description = "No such key")
    public Uni<KeyView> limits(@RestPath UUID id, @NotNull(message = "a JSON body is required") @Valid LimitsRequest request) {
        return changed(keys.changeLimits(id, request.toLimits()), SecurityAudit.KEY_LIMITS_CHANGED,
                key -> Map.of("keyId", key.id().toString(), "limits", String.valueOf(key.limits())));
    }

    @PUT
    @Path("/{id}/screening")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set whether a key screens blind by default",
            description = "A key that screens blind by default has every job and batch it submits without options.blind "
                    + "screened blind. Audited. Within seconds on other replicas.")
    @APIResponse(responseCode = "200", description = "The key as it now is")
    @APIResponse(responseCode = "404", description = "No such key")
    public Uni<KeyView> screening(@RestPath UUID id, @NotNull(message = "a JSON body is required") @Valid ScreeningRequest request) {
        return changed(keys.screenBlindByDefault(id, request.blindByDefault()), SecurityAudit.KEY_SCREENING_CHANGED,
                key -> Map.of("keyId", key.id().toString(), "blindByDefault", key.blindByDefault()));
    }

    /** A change to a stored key: 404 when there is none, audited, answered with the key as it now is. */
    private Uni<KeyView> changed(Uni<Optional<ApiKey>> change, String kind, Function<ApiKey, Map<String, ?>> detail) {
        return change.map(found -> found.orElseThrow(NotFoundException::new))
                .invoke(key -> audit.record(kind, callers.owner(), null, detail.apply(key)))
                .map(key -> KeyView.of(key, null));
    }
}
