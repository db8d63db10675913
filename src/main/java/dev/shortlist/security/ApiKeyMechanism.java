package dev.shortlist.security;

import dev.shortlist.platform.quota.Allowance;
import dev.shortlist.platform.quota.LimitsConfig;
import dev.shortlist.platform.quota.RateLimitedException;
import dev.shortlist.platform.quota.TokenBuckets;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <key>} on the API routes and hands the key to
 * {@link ApiKeyIdentityProvider}. Health, metrics and the OpenAPI document never ask for an
 * identity. Without a header, the local owner answers where the configuration allows it
 * (development, tests). An address that keeps failing is refused with 429 before its next
 * guess is even looked at; every failure is audited.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final SecurityConfig config;
    private final TokenBuckets buckets;
    private final LimitsConfig limits;
    private final SecurityAudit audit;

    ApiKeyMechanism(SecurityConfig config, TokenBuckets buckets, LimitsConfig limits, SecurityAudit audit) {
        this.config = config;
        this.buckets = buckets;
        this.limits = limits;
        this.audit = audit;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String path = context.normalizedPath();
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String clientIp = clientIp(context);
        if (!limits.enabled()) {
            return identify(context, identities).onFailure(AuthenticationFailedException.class)
                    .call(failure -> audited(failure, path, clientIp));
        }
        return buckets.peek(failuresBucket(clientIp), limits.authFailuresPerMinute()).chain(allowance -> {
            if (!allowance.allowed()) {
                return Uni.createFrom().failure(tooManyFailures(allowance));
            }
            return identify(context, identities).onFailure(AuthenticationFailedException.class)
                    .call(failure -> audited(failure, path, clientIp).chain(() -> counted(clientIp)));
        });
    }

    private Uni<SecurityIdentity> identify(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null) {
            return config.anonymousAccess()
                    ? Uni.createFrom().item(CallerIdentity.LOCAL_OWNER)
                    : Uni.createFrom().failure(new AuthenticationFailedException("an API key is required: Authorization: Bearer <key>"));
        }
        if (!authorization.startsWith(BEARER) || authorization.substring(BEARER.length()).isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the Authorization header must be 'Bearer <key>'"));
        }
        String key = authorization.substring(BEARER.length()).strip();
        return identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(key, "bearer")));
    }

    private Uni<Void> audited(Throwable failure, String path, String clientIp) {
        audit.record(SecurityAudit.AUTH_FAILED, null, clientIp, Map.of("path", path, "reason", String.valueOf(failure.getMessage())));
        return Uni.createFrom().voidItem();
    }

    /** Counts a failure against the address; the one that empties its bucket is already a 429. */
    private Uni<Void> counted(String clientIp) {
        return buckets.take(failuresBucket(clientIp), limits.authFailuresPerMinute()).invoke(allowance -> {
            if (!allowance.allowed()) {
                throw tooManyFailures(allowance);
            }
        }).replaceWithVoid();
    }

    private static RateLimitedException tooManyFailures(Allowance allowance) {
        return new RateLimitedException("too many failed authentications from this address", allowance);
    }

    private static String failuresBucket(String clientIp) {
        return "auth-failures:" + clientIp;
    }

    static String clientIp(RoutingContext context) {
        return ClientAddress.of(context.request());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(), HttpHeaderNames.WWW_AUTHENTICATE, "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
