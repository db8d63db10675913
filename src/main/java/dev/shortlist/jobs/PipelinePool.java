package dev.shortlist.jobs;

import dev.shortlist.platform.cpu.PipelineLoops;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pipeline's own database connections, served by its own event loops ({@link PipelineLoops}). Claims,
 * lease renewals, outcomes and the job notifications never wait for a connection that
 * requests hold, nor for an event loop busy with requests; and requests never wait behind
 * them. Sized by {@code shortlist.database.pipeline-max-size}, which follows
 * {@code shortlist.pipeline.concurrency} unless set.
 */
@Singleton
public class PipelinePool {

    private final Vertx vertx;
    private final Pool pool;
    private final PgConnectOptions connectOptions;

    PipelinePool(DatabasePoolConfig config, PipelineLoops loops,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.connectOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(username)
                .setPassword(password)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setCachePreparedStatements(true);
        this.vertx = loops.vertx();
        this.pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions()
                        .setName("pipeline")
                        .setMaxSize(config.pipelineMaxSize())
                        .setMaxWaitQueueSize(-1)
                        .setConnectionTimeout((int) config.acquireTimeout().toMillis())
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectingTo(connectOptions)
                .using(vertx.getDelegate())
                .build());
    }

    public Pool pool() {
        return pool;
    }

    /** The pipeline's event loop, for the notification listener. */
    public Vertx vertx() {
        return vertx;
    }

    /** Where the database is, for connections of the pipeline's own outside the pool (the listener). */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions(connectOptions);
    }

    @PreDestroy
    void close() {
        try {
            pool.closeAndAwait();
        } catch (RejectedExecutionException loopsStoppedFirst) {
            // Beans are destroyed in no set order: when the pipeline's event loops stopped first, the
            // connections closed with them.
        }
    }
}
