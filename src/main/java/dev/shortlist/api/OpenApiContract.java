package dev.shortlist.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What the annotations cannot say, added to the generated document at build time: operation
 * ids, the bearer key, the problem+json body of every error answer, the typed result of each
 * job type (from the same {@code prompts/<type>-v1.schema.json} the engines are held to),
 * which fields are always there and which may be null (read from the view records), event
 * streams, long polls and examples. It runs at build time: the served document is fixed in the
 * application, and nothing here is reflected on at run time. The committed copy in docs/openapi.json is compared with
 * what this produces (OpenApiDocumentTest), so a change of contract is a reviewed change.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    static final String SECURITY = "apiKey";
    static final String REF = "#/components/schemas/";
    private static final String PROBLEM = "application/problem+json";

    /** Each operation's id, as a client library names its method. */
    private static final Map<String, String> OPERATION_IDS = new LinkedHashMap<>();

    static {
        String[] ids = {
            "POST /api/v1/jobs", "submitJob",
            "GET /api/v1/jobs", "listJobs",
            "GET /api/v1/jobs/{id}", "getJob",
            "DELETE /api/v1/jobs/{id}", "deleteJob",
            "POST /api/v1/jobs/{id}/cancel", "cancelJob",
            "POST /api/v1/jobs/{id}/retry", "retryJob",
            "POST /api/v1/jobs/{id}/reveal", "revealCandidate",
            "GET /api/v1/jobs/{id}/events", "streamJobEvents",
            "GET /api/v1/jobs/{id}/result", "getJobResult",
            "POST /api/v1/batches", "submitBatch",
            "GET /api/v1/batches", "listBatches",
            "GET /api/v1/batches/{id}", "getBatch",
            "DELETE /api/v1/batches/{id}", "deleteBatch",
            "POST /api/v1/batches/{id}/cancel", "cancelBatch",
            "GET /api/v1/batches/{id}/events", "streamBatchEvents",
            "GET /api/v1/batches/{id}/shortlist", "getShortlist",
            "GET /api/v1/batches/{id}/emails", "listBatchEmails",
            "GET /api/v1/batches/{id}/impact", "getAdverseImpact",
            "POST /api/v1/batches/{id}/decisions", "recordDecisions",
            "GET /api/v1/batches/{id}/decisions", "exportDecisions",
            "POST /api/v1/documents", "uploadDocument",
            "GET /api/v1/documents", "listDocuments",
            "POST /api/v1/documents/bulk", "uploadDocuments",
            "GET /api/v1/documents/{id}", "getDocument",
            "DELETE /api/v1/documents/{id}", "deleteDocument",
            "POST /api/v1/postings", "createPosting",
            "GET /api/v1/postings", "listPostings",
            "GET /api/v1/postings/{id}", "getPosting",
            "DELETE /api/v1/postings/{id}", "deletePosting",
            "GET /api/v1/usage", "getUsage",
            "POST /api/v1/webhooks", "createWebhook",
            "GET /api/v1/webhooks", "listWebhooks",
            "DELETE /api/v1/webhooks/{id}", "deleteWebhook",
            "GET /api/v1/webhooks/{id}/deliveries", "listWebhookDeliveries",
            "GET /api/v1/admin/audit", "listAuditEvents",
            "GET /api/v1/admin/dead-letters", "listDeadLetters",
            "POST /api/v1/admin/dead-letters/replay", "replayDeadLetters",
            "POST /api/v1/admin/erasures", "eraseOwnerData",
            "GET /api/v1/admin/keys", "listKeys",
            "POST /api/v1/admin/keys", "createKey",
            "POST /api/v1/admin/keys/{id}/revoke", "revokeKey",
            "PUT /api/v1/admin/keys/{id}/screening", "setKeyScreening",
            "POST /api/v1/admin/keys/{id}/rotate", "rotateKey",
            "PUT /api/v1/admin/keys/{id}/limits", "setKeyLimits",
            "PUT /api/v1/admin/retention/keys/{id}", "setKeyRetention",
            "DELETE /api/v1/admin/retention/keys/{id}", "clearKeyRetention",
            "POST /api/v1/admin/retention/purge", "purgeExpired",
            "GET /api/v1/admin/stats", "getStats",
        };
        for (int i = 0; i < ids.length; i += 2) {
            OPERATION_IDS.put(ids[i], ids[i + 1]);
        }
    }

    private static final Map<String, String> TAGS = Map.of(
            "Jobs", "Score, tailor or generate one resume: submit, wait (long poll or events), read the result",
            "Batches", "One job description against many resumes, ranked into a shortlist",
            "Documents", "Resumes and postings uploaded as PDF, DOCX, TXT or MD; their text, extracted once",
            "Postings", "Job descriptions kept once and named by id in jobs and batches",
            "Usage", "Your limits and what is left of them",
            "Webhooks", "Signed calls to your endpoint when a job or batch ends",
            "Admin", "Keys, audit, dead letters, retention and the service's load (admin keys only)");

    private Components components;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItem("/api/v1/jobs") == null) {
            return; // a part of the document (static files, config) before the resources are scanned
        }
        components = openAPI.getComponents();
        if (openAPI.getInfo() == null) {
            openAPI.setInfo(OASFactory.createInfo().title("Shortlist API"));
        }
        openAPI.getInfo()
                .version("1.1")
                .description("""
                        Durable, asynchronous resume scoring, tailoring and generation, and batches ranked into \
                        shortlists. Every call needs an API key as `Authorization: Bearer <key>`. Work is accepted \
                        at once (202) and followed by long poll (`Prefer: wait=<seconds>` on getJob), server-sent \
                        events, or webhooks. Errors are RFC 9457 problem details (`application/problem+json`) that \
                        name the fields at fault.""");
        openAPI.setServers(List.of(OASFactory.createServer().url("/").description("The service that serves this document")));
        openAPI.setTags(TAGS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(tag -> OASFactory.createTag().name(tag.getKey()).description(tag.getValue())).toList());
        components.addSecurityScheme(SECURITY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key (sl_…), as Authorization: Bearer <key>; admins create keys (createKey)"));
        SecurityRequirement key = OASFactory.createSecurityRequirement().addScheme(SECURITY);
        openAPI.setSecurity(List.of(key));

        OpenApiSchemas.type(components);
        components.addResponse("Unauthorized", problemResponse("No API key, or one that is unknown or revoked"));
        components.addResponse("TooManyRequests", problemResponse("A rate limit or quota refused the call; Retry-After says "
                + "when to try again").addHeader("Retry-After", header("Seconds until the call may succeed", SchemaType.INTEGER)));
        components.addResponse("Unavailable", problemResponse("The database is out of reach; Retry-After says when to try again")
                .addHeader("Retry-After", header("Seconds until the call may succeed", SchemaType.INTEGER)));

        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) ->
                complete(method.name() + " " + path, operation, key)));
        describeLongPoll(openAPI.getPaths().getPathItem("/api/v1/jobs/{id}").getGET());
        OpenApiExamples.add(openAPI);
        dropUnused(openAPI);
    }

    private void complete(String route, Operation operation, SecurityRequirement key) {
        String id = OPERATION_IDS.get(route);
        if (id == null) {
            throw new IllegalStateException("no operationId for " + route + ": name it in OpenApiContract.OPERATION_IDS");
        }
        operation.setOperationId(id);
        operation.setSecurity(List.of(key));
        if (route.startsWith("GET ") || route.startsWith("DELETE ")) {
            operation.setRequestBody(null); // a RoutingContext parameter is not a body
        }
        nameForm(id, operation);
        APIResponses responses = operation.getResponses();
        if (id.startsWith("stream")) {
            String item = id.equals("streamJobEvents") ? "Job" : "Batch";
            responses.addAPIResponse("200", OASFactory.createAPIResponse()
                    .description("A text/event-stream: each event's data is the " + item + " as JSON, sent at each change "
                            + "until it ends; the stream then closes")
                    .content(OASFactory.createContent().addMediaType("text/event-stream", OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().addType(SchemaType.STRING)
                                    .description("Server-sent events; data: a " + item + " (" + REF + item + ")")))));
        }
        copyBodyToBodylessSuccess(responses);
        commonRefusals(operation, responses);
        for (Map.Entry<String, APIResponse> answer : new TreeMap<>(responses.getAPIResponses()).entrySet()) {
            if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                answer.getValue().content(problem());
            }
            if (answer.getKey().equals("201") || answer.getKey().equals("202")) {
                answer.getValue().addHeader("Location", header("Where to read what was created", SchemaType.STRING));
            }
        }
        responses.addAPIResponse("401", OASFactory.createAPIResponse().ref("Unauthorized"));
        responses.addAPIResponse("429", OASFactory.createAPIResponse().ref("TooManyRequests"));
        responses.addAPIResponse("503", OASFactory.createAPIResponse().ref("Unavailable"));
    }

    /** A multipart form as a named schema, so generated clients get a type for it. */
    private void nameForm(String id, Operation operation) {
        MediaType form = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null ? null
                : operation.getRequestBody().getContent().getMediaType("multipart/form-data");
        if (form != null && form.getSchema() != null && form.getSchema().getRef() == null) {
            String name = id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1) + "Form";
            components.addSchema(name, form.getSchema());
            form.setSchema(ref(name));
        }
    }

    /** What any operation of its kind can answer, whether or not its annotations say so. */
    private static void commonRefusals(Operation operation, APIResponses responses) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        refusal(responses, "400", "A parameter, header (Accept, Prefer, Idempotency-Key) or the body is not valid; "
                + "the problem's errors name each field");
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            refusal(responses, "404", "No such resource for this caller (an id that is not one is not found either)");
        } else if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
            refusal(responses, "404", "A query parameter that cannot be read as its type (an id, a time)");
        }
        if (operation.getRequestBody() != null) {
            refusal(responses, "413", "The body is larger than the limit");
            refusal(responses, "415", "The body's Content-Type is not one this operation takes");
        }
        refusal(responses, "406", "The Accept header names no media type this operation answers with");
        if (operation.getTags() != null && operation.getTags().contains("Admin")) {
            refusal(responses, "403", "The key is not an admin key");
        }
    }

    private static void refusal(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** A create answered 201/202 and, for a repeat with the same Idempotency-Key, 200 with the same body. */
    private static void copyBodyToBodylessSuccess(APIResponses responses) {
        Content typed = responses.getAPIResponses().entrySet().stream()
                .filter(answer -> answer.getKey().startsWith("2") && answer.getValue().getContent() != null)
                .map(answer -> answer.getValue().getContent()).findFirst().orElse(null);
        responses.getAPIResponses().forEach((status, answer) -> {
            if (status.startsWith("2") && !status.equals("204") && answer.getContent() == null && typed != null) {
                answer.setContent(typed);
            }
        });
    }

    private static void describeLongPoll(Operation getJob) {
        Parameter prefer = getJob.getParameters().stream().filter(p -> p.getName().equals("Prefer")).findFirst().orElseThrow();
        prefer.description("wait=<seconds> (RFC 7240, 0 to " + LongPoll.MAX_SECONDS + "): answer when the job has ended or "
                        + "the time is up, whichever comes first; longer waits are cut to " + LongPoll.MAX_SECONDS)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).pattern("^wait=\\d+$"))
                .example("wait=30");
        getJob.getResponses().getAPIResponse("200").addHeader(LongPoll.APPLIED,
                header("wait=<seconds>: the wait that was applied, when Prefer asked for one", SchemaType.STRING));
    }

    /** Jackson and Vert.x types the scanner met on the way, which no answer or body uses. */
    private static void dropUnused(OpenAPI openAPI) {
        List.of("AuthProvider", "Buffer", "ByteBuf", "JsonArray", "JsonNode", "JsonNodeType", "JsonObject", "RoutingContext", "Session", "User")
                .forEach(openAPI.getComponents()::removeSchema);
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType().schema(ref("Problem")));
    }

    private static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description).content(problem());
    }

    private static Header header(String description, SchemaType type) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(type));
    }

    static Schema ref(String name) {
        return OASFactory.createSchema().ref(REF + name);
    }

}
