package dev.shortlist.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.jobs.DecisionRecords;
import dev.shortlist.jobs.DecisionRecords.DecisionRecord;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A batch's decision records for an auditor (JSON or CSV), and the recruiter's decisions on
 * its candidates (advance or reject, with a reason), exported alongside.
 */
@Path("/api/v1/batches/{id}/decisions")
@Tag(name = "Batches")
public class BatchDecisionResource {

    private static final String CSV = BatchResource.CSV;
    private static final int MAX_DECISIONS = 1_000;
    private static final CSVFormat RECORDS_CSV = CSVFormat.RFC4180.builder()
            .setHeader("jobId", "externalId", "status", "engine", "model", "promptVersion", "weights", "blind", "score",
                    "recommendation", "evidence", "decision", "reason", "decidedAt", "erased")
            .get();

    /** The body of a decision: the candidates by job id or external id, each advanced or rejected with a reason. */
    @Schema(name = "BatchDecisions")
    public record DecisionsRequest(
            @NotNull @Size(min = 1, max = MAX_DECISIONS) @Schema(required = true) List<@NotNull @Valid DecisionItem> decisions) {
    }

    /** One decision on one candidate. */
    @Schema(name = "BatchDecision")
    public record DecisionItem(
            @Schema(description = "The job, as the shortlist names it; or give externalId") UUID jobId,
            @Size(max = 200) @Schema(description = "Your id for the resume; every job of it gets the decision") String externalId,
            @NotNull @Pattern(regexp = "advance|reject", message = "must be advance or reject") @Schema(required = true,
                    description = "advance or reject") String decision,
            @NotBlank @Size(max = 1_000) @Schema(required = true, description = "Why, in a sentence an auditor can read") String reason) {
    }

    private final DecisionRecords records;
    private final CallerContext callers;

    public BatchDecisionResource(DecisionRecords records, CallerContext callers) {
        this.records = records;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record decisions on a batch's candidates",
            description = "Advance or reject each candidate, with a reason; a later decision on the same job replaces the earlier. "
                    + "Exported with the batch's decision records.")
    @APIResponse(responseCode = "200", description = "How many jobs got a decision")
    @APIResponse(responseCode = "400", description = "A decision is malformed or names no job of the batch")
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public Uni<Decided> decide(@RestPath UUID id,
            @NotNull(message = "a JSON body is required") @Valid DecisionsRequest request) {
        List<DecisionRecords.Decision> decisions = new ArrayList<>(request.decisions().size());
        request.decisions().forEach(item -> decisions.add(new DecisionRecords.Decision(item.jobId(), item.externalId(),
                item.decision(), item.reason().strip())));
        return records.decide(callers.owner(), id, decisions).map(Decided::new);
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Operation(summary = "The batch's decision records, for an auditor",
            description = "Per job: engine, model, prompt version, weights, blind flag, score, recommendation, evidence, and the "
                    + "recruiter's decision with its reason. JSON, or CSV with Accept: text/csv or ?format=csv. A candidate's "
                    + "erasure keeps only the non-personal fields of their records (erased: true).")
    @APIResponse(responseCode = "200", description = "The records, best score first", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionRecordsView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public Uni<RestResponse<Object>> export(@RestPath UUID id, @RestQuery String format, HttpHeaders headers) {
        boolean csv = BatchResource.wantsCsv(format, headers);
        return records.of(callers.owner(), id).map(found -> csv
                ? RestResponse.ResponseBuilder.<Object>ok(csv(found), CSV + "; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"decisions-" + id + ".csv\"").build()
                : RestResponse.ResponseBuilder.<Object>ok(new DecisionRecordsView(found), MediaType.APPLICATION_JSON).build());
    }

    /** How many jobs got a decision. */
    @Schema(name = "DecisionsRecorded")
    public record Decided(int decided) {
    }

    /** A batch's decision records, best score first. */
    @Schema(name = "DecisionRecords")
    public record DecisionRecordsView(List<DecisionRecord> items) {
    }

    private static String csv(List<DecisionRecord> found) {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(csv, RECORDS_CSV)) {
            for (DecisionRecord record : found) {
                printer.printRecord(record.jobId(), inert(record.externalId()), record.status(), inert(record.engine()),
                        inert(record.model()), inert(record.promptVersion()), record.weights() == null ? null : record.weights().toString(),
                        record.blind(), record.score(), inert(record.recommendation()), inert(evidence(record.evidence())),
                        record.decision(), inert(record.reason()), record.decidedAt(), record.erased());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toString();
    }

    /** Evidence as a person reads it in a cell: {@code skill: "quote"}, one after another. */
    private static String evidence(JsonNode evidence) {
        if (evidence == null || !evidence.isArray()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        evidence.forEach(item -> lines.add(item.path("skill").asText() + ": \"" + item.path("quote").asText() + "\""));
        return String.join(" | ", lines);
    }

    private static String inert(String value) {
        return BatchResource.ShortlistCsv.inert(value);
    }
}
