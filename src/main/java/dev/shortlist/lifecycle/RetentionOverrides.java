package dev.shortlist.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A key's own retention, in days, for its jobs and documents; without one the configured default applies. */
@ApplicationScoped
public class RetentionOverrides {

    /** Only for keys that exist: a key's id is the owner its data is stored under. */
    private static final String SET = """
            INSERT INTO retention_overrides (owner, days) SELECT id::text, $2 FROM api_keys WHERE id = $1
            ON CONFLICT (owner) DO UPDATE SET days = excluded.days, updated_at = now()
            """;
    private static final String CLEAR = "DELETE FROM retention_overrides WHERE owner = $1";
    private static final String KEY_EXISTS = "SELECT 1 FROM api_keys WHERE id = $1";

    private final Pool pool;

    RetentionOverrides(Pool pool) {
        this.pool = pool;
    }

    /** Sets the key's retention; false when there is no such key. */
    public Uni<Boolean> set(UUID keyId, int days) {
        return pool.preparedQuery(SET).execute(Tuple.of(keyId, days)).map(rows -> rows.rowCount() == 1);
    }

    /** Returns the key to the configured retention; false when there is no such key. */
    public Uni<Boolean> clear(UUID keyId) {
        return pool.preparedQuery(KEY_EXISTS).execute(Tuple.of(keyId))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : pool.preparedQuery(CLEAR).execute(Tuple.of(keyId.toString())).replaceWith(true));
    }
}
