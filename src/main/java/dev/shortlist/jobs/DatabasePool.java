package dev.shortlist.jobs;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reactive pool as Quarkus configures it, with bounded waits (see
 * {@link DatabasePoolConfig}): during a database outage or a saturated pool, requests
 * fail in seconds with a retryable 503 instead of hanging.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final DatabasePoolConfig config;

    DatabasePool(DatabasePoolConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setConnectionTimeout((int) config.acquireTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        for (PgConnectOptions connect : input.pgConnectOptionsList()) {
            connect.setConnectTimeout((int) config.connectTimeout().toMillis());
        }
        return PgBuilder.pool()
                .with(pool)
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}
