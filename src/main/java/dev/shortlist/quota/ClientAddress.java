package dev.shortlist.quota;

import io.vertx.core.http.HttpServerRequest;

/** The client's IP as the server sees it (behind a proxy, set quarkus.http.proxy.proxy-address-forwarding). */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
