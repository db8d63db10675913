package dev.shortlist.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.submit.SubmitWritesStalledException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Which failures are outages a client should retry (503 with Retry-After) and which are
 * not; the fault suite (*FaultIT) shows them end to end against real servers.
 */
class OutageTest {

    private static final String REDIS = "127.0.0.1:56379";

    @Test
    void databaseShuttingDownTerminatedOrClosedIsUnavailable() {
        assertThat(Outage.of(new PgException("the database system is shutting down", "FATAL", "57P03", null), REDIS))
                .contains(Outage.DATABASE_UNAVAILABLE);
        assertThat(Outage.of(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null), REDIS))
                .contains(Outage.DATABASE_UNAVAILABLE);
        assertThat(Outage.of(new CompletionException(ClosedConnectionException.INSTANCE), REDIS))
                .contains(Outage.DATABASE_UNAVAILABLE);
        assertThat(Outage.of(new ConnectException("Connection refused: /127.0.0.1:55432"), REDIS))
                .contains(Outage.DATABASE_UNAVAILABLE);
    }

    @Test
    void noFreeConnectionIsBusy() {
        assertThat(Outage.of(new VertxException("Timeout waiting for connection"), REDIS)).contains(Outage.DATABASE_BUSY);
        assertThat(Outage.of(new SubmitWritesStalledException(Duration.ofSeconds(3)), REDIS)).contains(Outage.DATABASE_BUSY);
    }

    @Test
    void aRefusedConnectionToRedisIsRedisUnavailableButNotToAPortItPrefixes() {
        assertThat(Outage.of(new ConnectException("Connection refused: /127.0.0.1:56379"), REDIS))
                .contains(Outage.REDIS_UNAVAILABLE);
        assertThat(Outage.of(new ConnectException("Connection refused: /127.0.0.1:563790"), REDIS))
                .contains(Outage.DATABASE_UNAVAILABLE);
    }

    @Test
    void aFullDiskIsStorageFull() {
        assertThat(Outage.of(new UncheckedIOException(new IOException("No space left on device")), REDIS))
                .contains(Outage.STORAGE_FULL);
    }

    @Test
    void theStatementsOwnFailuresAreNotOutages() {
        assertThat(Outage.of(new PgException("duplicate key value", "ERROR", "23505", null), REDIS)).isEmpty();
        assertThat(Outage.of(new PgException("canceling statement due to statement timeout", "ERROR", "57014", null), REDIS))
                .isEmpty();
        assertThat(Outage.of(new IllegalStateException("a bug"), REDIS)).isEmpty();
    }

    @Test
    void redisHostsNameTheirHostAndPort() {
        assertThat(ProblemMapper.hostAndPort("redis://127.0.0.1:56379/9")).isEqualTo(REDIS);
        assertThat(ProblemMapper.hostAndPort("redis://user:secret@cache.internal/0")).isEqualTo("cache.internal:6379");
    }
}
