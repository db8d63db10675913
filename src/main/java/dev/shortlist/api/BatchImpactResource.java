package dev.shortlist.api;

import dev.shortlist.jobs.AdverseImpact;
import dev.shortlist.jobs.ImpactReport;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** A score batch's adverse-impact report, from the categories its candidates chose to self-identify. */
@Path("/api/v1/batches/{id}/impact")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches")
public class BatchImpactResource {

    private final AdverseImpact impact;
    private final CallerContext callers;

    public BatchImpactResource(AdverseImpact impact, CallerContext callers) {
        this.impact = impact;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Adverse-impact report of a score batch",
            description = "Per self-identified sex, race/ethnicity and their intersections: counts, how many the cut selects, "
                    + "selection rates, impact ratios against the highest rate, the four-fifths flag, and the scoring rate "
                    + "(share above the batch's median score) with its ratios; a note on groups too small to judge. "
                    + "Candidates who declined are shown, not compared; those who gave nothing are counted apart.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", description = "cut is missing or malformed, or the batch does not score")
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public Uni<ImpactReport> report(@RestPath UUID id,
            @Parameter(description = "top:<N> (the best N are selected) or score:<S> (a score of S or more is selected)", required = true)
            @RestQuery String cut) {
        return impact.of(callers.owner(), id, ImpactReport.Cut.parse(cut));
    }
}
