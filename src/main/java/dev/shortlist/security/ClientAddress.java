package dev.shortlist.security;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client's address, as limits per address see it: the peer's, or the client's as a
 * proxy reports it in {@code Forwarded} or {@code X-Forwarded-For}. Quarkus already rewrites
 * the remote address that way when {@code quarkus.http.proxy.proxy-address-forwarding} is on,
 * and then only for peers in {@code quarkus.http.proxy.trusted-proxies} (when set), so a client
 * that talks to the service directly cannot choose its own address with a header.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
