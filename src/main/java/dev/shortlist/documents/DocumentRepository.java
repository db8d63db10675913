package dev.shortlist.documents;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import dev.shortlist.jobs.JobCursor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code documents} table. */
@ApplicationScoped
class DocumentRepository {

    /** Two concurrent uploads of one file: one insert wins, the other finds nothing to return and reads the winner. */
    private static final String INSERT = """
            INSERT INTO documents (id, owner, sha256, media_type, file_name, size_bytes, pages, characters, text,
                                   ocr_pages, ocr_confidence, ocr_pages_not_read)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (owner, sha256) DO NOTHING
            RETURNING *
            """;

    private static final String FIND_BY_HASH = "SELECT * FROM documents WHERE owner = $1 AND sha256 = $2";

    private static final String TEXTS_OWNED = "SELECT id, text FROM documents WHERE owner = $1 AND id = ANY($2)";

    private static final String FIND_OWNED = "SELECT * FROM documents WHERE id = $1 AND owner = $2";

    /**
     * An owner's documents, newest first, from just after a cursor (as the job listing), without
     * their text: a page of listings stays small whatever the documents hold.
     */
    private static final String LIST = """
            SELECT id, owner, sha256, media_type, file_name, size_bytes, pages, characters, NULL AS text, created_at,
                   ocr_pages, ocr_confidence, ocr_pages_not_read
            FROM documents
            WHERE owner = $1
              AND ($2::text IS NULL OR media_type = $2)
              AND ($3::timestamptz IS NULL OR created_at >= $3)
              AND ($4::timestamptz IS NULL OR created_at < $4)
              AND ($5::timestamptz IS NULL OR (created_at, id) < ($5, $6::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $7
            """;

    private final Pool pool;

    DocumentRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the document, or returns the owner's existing copy of the same bytes (false). */
    Uni<Stored> insertOrGet(Document document) {
        Document.Ocr ocr = document.ocr();
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {
                        document.id(), document.owner(), document.sha256(), document.mediaType(), document.fileName(),
                        document.sizeBytes(), document.pages(), document.characters(), document.text(),
                        ocr == null ? null : ocr.pages(), ocr == null ? null : ocr.confidence(),
                        ocr == null ? null : ocr.pagesNotRead() }))
                .chain(rows -> rows.rowCount() == 1
                        ? Uni.createFrom().item(new Stored(toDocument(rows.iterator().next()), true))
                        : findByHash(document.owner(), document.sha256())
                                .map(existing -> new Stored(existing.orElseThrow(), false)));
    }

    Uni<Optional<Document>> findByHash(String owner, String sha256) {
        return pool.preparedQuery(FIND_BY_HASH).execute(Tuple.of(owner, sha256)).map(DocumentRepository::first);
    }

    Uni<java.util.Map<UUID, String>> textsOwned(String owner, java.util.Collection<UUID> ids) {
        return pool.preparedQuery(TEXTS_OWNED).execute(Tuple.of(owner, ids.toArray(UUID[]::new))).map(rows -> {
            java.util.Map<UUID, String> texts = new java.util.HashMap<>();
            rows.forEach(row -> texts.put(row.getUUID("id"), row.getString("text")));
            return texts;
        });
    }

    Uni<Optional<Document>> findOwned(UUID id, String owner) {
        return pool.preparedQuery(FIND_OWNED).execute(Tuple.of(id, owner)).map(DocumentRepository::first);
    }

    Uni<List<Document>> list(String owner, DocumentFilter filter, JobCursor after, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.from(new Object[] {
                        owner,
                        filter.mediaType(),
                        at(filter.createdAfter()),
                        at(filter.createdBefore()),
                        after == null ? null : at(after.createdAt()),
                        after == null ? null : after.id(),
                        limit }))
                .map(rows -> {
                    List<Document> page = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> page.add(toDocument(row)));
                    return page;
                });
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Optional<Document> first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? Optional.empty() : Optional.of(toDocument(rows.iterator().next()));
    }

    private static Document toDocument(Row row) {
        return new Document(
                row.getUUID("id"),
                row.getString("owner"),
                row.getString("sha256"),
                row.getString("media_type"),
                row.getString("file_name"),
                row.getLong("size_bytes"),
                row.getInteger("pages"),
                row.getInteger("characters"),
                row.getString("text"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getInteger("ocr_pages") == null ? null
                        : new Document.Ocr(row.getInteger("ocr_pages"), row.getDouble("ocr_confidence"), row.getInteger("ocr_pages_not_read")));
    }
}
