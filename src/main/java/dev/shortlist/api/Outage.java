package dev.shortlist.api;

import dev.shortlist.submit.SubmitWritesStalledException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure that is not the request's fault and goes away by itself: the database or
 * Redis restarting, down or saturated, or the disk full. The client should retry after
 * {@link #retryAfter()}; answering 500 would tell it the request itself is broken.
 */
enum Outage {

    DATABASE_UNAVAILABLE("database-unavailable", "Database unavailable",
            "The job database is unreachable or restarting; nothing was stored. Retry shortly.", Duration.ofSeconds(2)),
    DATABASE_BUSY("database-busy", "Database busy",
            "Every database connection is in use; nothing was stored. Retry shortly.", Duration.ofSeconds(1)),
    REDIS_UNAVAILABLE("redis-unavailable", "Redis unavailable",
            "Redis is unreachable or too slow; nothing was stored. Retry shortly.", Duration.ofSeconds(2)),
    STORAGE_FULL("storage-full", "Storage full",
            "The server has no disk space left for uploads; nothing was stored. Retry later.", Duration.ofSeconds(30));

    final String type;
    final String title;
    final String detail;
    final Duration retryAfter;

    Outage(String type, String title, String detail, Duration retryAfter) {
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    /**
     * The outage behind a failure, looking through its causes; empty for anything else.
     * {@code redisAddress} ("host:port") tells a refused connection to Redis from one to
     * the database.
     */
    static Optional<Outage> of(Throwable failure, String redisAddress) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            Optional<Outage> outage = ofOne(e, redisAddress);
            if (outage.isPresent()) {
                return outage;
            }
        }
        return Optional.empty();
    }

    private static Optional<Outage> ofOne(Throwable e, String redisAddress) {
        String message = String.valueOf(e.getMessage());
        String className = e.getClass().getName();
        if (e instanceof PgException pg) {
            return unavailableState(pg.getSqlState()) ? Optional.of(DATABASE_UNAVAILABLE) : Optional.empty();
        }
        // The SQL client, on a statement sent over a connection the server just closed.
        if (e instanceof ClosedConnectionException || message.startsWith("Connection is not active now")) {
            return Optional.of(DATABASE_UNAVAILABLE);
        }
        // The SQL client's pool, when no connection frees up within the acquire timeout, and
        // a submit that no insert statement took within that same time.
        if (e instanceof SubmitWritesStalledException
                || className.equals("io.vertx.core.VertxException") && message.startsWith("Timeout")
                || className.equals("io.vertx.core.http.ConnectionPoolTooBusyException")) {
            return Optional.of(DATABASE_BUSY);
        }
        if (className.startsWith("io.vertx.redis.") || className.startsWith("io.quarkus.redis.")) {
            return Optional.of(REDIS_UNAVAILABLE);
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null && fs.getReason().contains("No space left")
                || e instanceof IOException && message.contains("No space left on device")) {
            return Optional.of(STORAGE_FULL);
        }
        if (e instanceof ConnectException || e instanceof ClosedChannelException
                || e instanceof IOException && message.contains("Connection reset")) {
            if (names(message, redisAddress)) {
                return Optional.of(REDIS_UNAVAILABLE);
            }
            // Redis users fall back without Redis; a refused connection that escapes is the database's.
            return Optional.of(DATABASE_UNAVAILABLE);
        }
        return Optional.empty();
    }

    /** Whether the message names this host:port (and not a longer port that starts with it). */
    private static boolean names(String message, String address) {
        if (address == null) {
            return false;
        }
        int at = message.indexOf(address);
        int end = at + address.length();
        return at >= 0 && (end == message.length() || !Character.isDigit(message.charAt(end)));
    }

    /**
     * SQLSTATE classes that mean "the server, not the statement": 08 connection
     * exception, 53 insufficient resources (too many connections), 57 operator
     * intervention (shutting down, starting up, terminated), except 57014, a cancelled
     * statement, which is the statement's.
     */
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57") && !state.equals("57014"));
    }
}
