package dev.shortlist.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Maps {@code jobs} rows to {@link Job}s and JSON values to jsonb parameters. */
@ApplicationScoped
public class JobRows {

    /** Every column but the input, for reads whose caller has the input or does not need it. */
    static final String COLUMNS_WITHOUT_INPUT = """
            id, owner, type, status, priority, batch_id, input_hash, progress, attempts, max_attempts, run_after,
            lease_owner, lease_expires_at, result, error, cache_hit, llm_engine, llm_model, tokens_in, tokens_out,
            cost_usd, created_at, started_at, finished_at, waiting_for, waiting_since, traceparent""";

    private final ObjectMapper json;

    public JobRows(ObjectMapper json) {
        this.json = json;
    }

    public List<Job> toJobs(RowSet<Row> rows) {
        List<Job> jobs = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            jobs.add(toJob(row));
        }
        return jobs;
    }

    /** The job in the row; without its input when the read left the column out ({@link #COLUMNS_WITHOUT_INPUT}). */
    public Job toJob(Row row) {
        return toJob(row, row.getColumnIndex("input") < 0 ? null : decode(row.getValue("input")));
    }

    /** A row read without its input, which the caller holds already: decoding jsonb costs three passes over it. */
    public Job toJob(Row row, JsonNode input) {
        BigDecimal cost = row.getBigDecimal("cost_usd");
        return new Job(
                row.getUUID("id"),
                row.getString("owner"),
                JobType.fromWireName(row.getString("type")),
                JobStatus.fromWireName(row.getString("status")),
                Priority.ofRank(row.getShort("priority")),
                row.getUUID("batch_id"),
                input,
                row.getString("input_hash"),
                row.getShort("progress"),
                row.getInteger("attempts"),
                row.getInteger("max_attempts"),
                instant(row.getOffsetDateTime("run_after")),
                row.getString("lease_owner"),
                instant(row.getOffsetDateTime("lease_expires_at")),
                decode(row.getValue("result")),
                decodeError(row.getValue("error")),
                row.getBoolean("cache_hit"),
                new LlmUsage(row.getString("llm_engine"), row.getString("llm_model"),
                        row.getInteger("tokens_in"), row.getInteger("tokens_out"), cost == null ? BigDecimal.ZERO : cost),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("finished_at")),
                row.getString("waiting_for"),
                instant(row.getOffsetDateTime("waiting_since")),
                row.getString("traceparent"));
    }

    /** The JSON text of a value, for a {@code $n::jsonb} parameter. */
    public String encode(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value.getClass().getSimpleName(), e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** jsonb arrives as a Vert.x JsonObject or JsonArray, whose toString is the JSON text. */
    public JsonNode decode(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value instanceof String text ? json.writeValueAsString(text) : value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable jsonb column", e);
        }
    }

    private JobError decodeError(Object value) {
        JsonNode node = decode(value);
        return node == null ? null
                : new JobError(node.path("code").asText(), node.path("message").asText(), node.path("retryable").asBoolean());
    }
}
