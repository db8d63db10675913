package dev.shortlist.documents.postings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.jobs.JobCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code postings} table. The embeddings are read only when a job scores against them. */
@ApplicationScoped
class PostingRepository {

    private static final String COLUMNS = "id, owner, title, external_id, document_id, text, reading, read_by, created_at";

    private static final String INSERT = """
            INSERT INTO postings (id, owner, title, external_id, document_id, text, reading, embeddings, read_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9)
            RETURNING\s""" + COLUMNS;

    private static final String FIND_OWNED = "SELECT " + COLUMNS + " FROM postings WHERE id = $1 AND owner = $2";

    /** Newest first, from just after the cursor's (created_at, id), as jobs are listed. */
    private static final String LIST = "SELECT " + COLUMNS + """
             FROM postings
            WHERE owner = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $4
            """;

    private static final String READING = "SELECT reading, embeddings, read_by FROM postings WHERE id = $1 AND owner = $2";

    /** What a job needs of its posting to skip reading the text. */
    record StoredReading(JsonNode reading, byte[] embeddings, String readBy) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    PostingRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    Uni<Posting> insert(Posting posting, byte[] embeddings) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {
                        posting.id(), posting.owner(), posting.title(), posting.externalId(), posting.documentId(),
                        posting.text(), encode(posting.reading()), Buffer.buffer(embeddings), posting.readBy() }))
                .map(rows -> toPosting(rows.iterator().next()));
    }

    Uni<Optional<Posting>> findOwned(UUID id, String owner) {
        return pool.preparedQuery(FIND_OWNED).execute(Tuple.of(id, owner)).map(this::first);
    }

    Uni<List<Posting>> list(String owner, JobCursor after, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(owner, after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC),
                        after == null ? null : after.id(), limit))
                .map(rows -> {
                    List<Posting> found = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> found.add(toPosting(row)));
                    return found;
                });
    }

    Uni<Optional<StoredReading>> reading(UUID id, String owner) {
        return pool.preparedQuery(READING).execute(Tuple.of(id, owner)).map(rows -> {
            if (rows.rowCount() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new StoredReading(jsonOf(row.getValue("reading")), row.getBuffer("embeddings").getBytes(),
                    row.getString("read_by")));
        });
    }

    private Optional<Posting> first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? Optional.empty() : Optional.of(toPosting(rows.iterator().next()));
    }

    private Posting toPosting(Row row) {
        return new Posting(row.getUUID("id"), row.getString("owner"), row.getString("title"), row.getString("external_id"),
                row.getUUID("document_id"), row.getString("text"), jsonOf(row.getValue("reading")), row.getString("read_by"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private String encode(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** jsonb arrives as Vert.x JSON; Jackson re-reads its text so the tree keeps exact numbers. */
    private JsonNode jsonOf(Object value) {
        try {
            return json.readTree(String.valueOf(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reading is not JSON", e);
        }
    }
}
