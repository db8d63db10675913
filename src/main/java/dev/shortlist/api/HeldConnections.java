package dev.shortlist.api;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Event streams and long polls hold a connection while nothing is sent. TCP keep-alive on
 * the server's sockets lets the kernel find a client that vanished without closing (a
 * laptop put to sleep, a dropped mobile link) and free its watcher; how soon is the
 * kernel's {@code net.ipv4.tcp_keepalive_time}, set in the Kubernetes manifests.
 */
@ApplicationScoped
class HeldConnections implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setTcpKeepAlive(true);
    }
}
