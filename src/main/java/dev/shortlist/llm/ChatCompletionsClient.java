package dev.shortlist.llm;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The one call of an OpenAI-compatible API we make. The body travels as text both ways so
 * that a malformed reply reaches us intact, to be repaired or kept for diagnosis.
 */
@Path("/chat/completions")
interface ChatCompletionsClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> create(@HeaderParam("Authorization") String authorization,
            @HeaderParam("api-key") String apiKey, @QueryParam("api-version") String apiVersion, String body);
}
