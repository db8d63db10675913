package dev.shortlist.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.jobs.DecisionRecords.DecisionRecord;
import dev.shortlist.jobs.ImpactReport;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.ShortlistEntry;
import dev.shortlist.jobs.ReplayOutcome;
import dev.shortlist.jobs.TailoredEntry;
import dev.shortlist.lifecycle.Deletions;
import dev.shortlist.lifecycle.Retention;
import dev.shortlist.notifications.BatchEmailOutbox;
import dev.shortlist.notifications.WebhookEndpoints;
import dev.shortlist.observability.SystemStats;
import dev.shortlist.quota.DailyQuotas;
import dev.shortlist.quota.LimitUsage;
import dev.shortlist.security.AuditEvents;
import dev.shortlist.quota.KeyLimits;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
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
    private static final String REF = "#/components/schemas/";
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Records whose every field Jackson writes: non-null unless boxed or Optional-like and not marked required. */
    private static final List<Class<?>> VIEWS = List.of(JobView.class, JobView.Usage.class, JobListView.class,
            BatchView.class, BatchView.Rescore.class, BatchListView.class, DocumentView.class, DocumentListView.class,
            PostingView.class, PostingView.Requirements.class, PostingView.Line.class, PostingView.Page.class,
            ShortlistView.class, ShortlistEntry.class, TailoredEntry.class, BulkUploadView.class,
            BulkUploadView.FileView.class, Problem.class, Problem.FieldError.class, AdminKeyResource.KeyView.class,
            KeyLimits.class, DecisionRecord.class, BatchDecisionResource.DecisionRecordsView.class, BatchDecisionResource.Decided.class,
            ImpactReport.class, ImpactReport.Group.class, ImpactReport.Cut.class, AdminAuditResource.AuditPage.class,
            AuditEvents.Event.class, AdminDeadLetterResource.DeadLetterView.class, AdminDeadLetterResource.DeadLetterPage.class,
            ReplayOutcome.class, WebhookEndpoints.Endpoint.class, WebhookEndpoints.Delivery.class, WebhookResource.DeliveryPage.class,
            BatchEmailOutbox.EmailState.class, UsageResource.UsageView.class, UsageResource.LlmUsageView.class,
            UsageResource.RateLimitView.class, DailyQuotas.Usage.class, LimitUsage.class, SystemStats.Status.class,
            SystemStats.Queue.class, SystemStats.ReplicaLoad.class, SystemStats.Window.class, SystemStats.QuotaView.class,
            SystemStats.CacheView.class, SystemStats.PoolView.class, Deletions.Erased.class, Retention.Purged.class);

    /** Fields of the views above that are never null, though their Java type allows it. */
    private static final Map<String, Set<String>> NEVER_NULL = Map.ofEntries(
            Map.entry("Job", Set.of("id", "type", "status", "priority", "createdAt")),
            Map.entry("Batch", Set.of("id", "type", "status", "priority", "createdAt")),
            Map.entry("Document", Set.of("id", "mediaType", "sha256", "createdAt")),
            Map.entry("Posting", Set.of("id", "createdAt", "requirements")),
            Map.entry("Shortlist", Set.of("batchId", "type")),
            Map.entry("ShortlistEntry", Set.of("jobId", "recommendation", "engine")),
            Map.entry("TailoredEntry", Set.of("jobId", "engine")),
            Map.entry("BulkUploadFile", Set.of("name", "field", "status")),
            Map.entry("Problem", Set.of("type", "title")),
            Map.entry("JobError", Set.of("code", "message")),
            Map.entry("DecisionRecord", Set.of("jobId", "status")),
            Map.entry("Event", Set.of("at", "kind")),
            Map.entry("DeadLetter", Set.of("id", "owner", "type", "createdAt")),
            Map.entry("Endpoint", Set.of("id", "url", "events", "createdAt")),
            Map.entry("Delivery", Set.of("eventId", "event", "at")),
            Map.entry("EmailState", Set.of("recipient", "status")),
            Map.entry("Usage", Set.of("name", "resetAt")),
            Map.entry("LimitUsage", Set.of("name", "scope", "resetAt")),
            Map.entry("RateLimit", Set.of("routeClass", "resetAt")),
            Map.entry("Status", Set.of("at", "queue", "running", "throughput", "llmQuota", "cache", "databasePool")));

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

        typeViews(components);
        typeResults(components);
        typeShortlists(components);
        typeDecisionRecords(components);
        components.addResponse("Unauthorized", problemResponse("No API key, or one that is unknown or revoked"));
        components.addResponse("TooManyRequests", problemResponse("A rate limit or quota refused the call; Retry-After says "
                + "when to try again").addHeader("Retry-After", header("Seconds until the call may succeed", SchemaType.INTEGER)));
        components.addResponse("Unavailable", problemResponse("The database is out of reach; Retry-After says when to try again")
                .addHeader("Retry-After", header("Seconds until the call may succeed", SchemaType.INTEGER)));

        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) ->
                complete(method.name() + " " + path, operation, key)));
        describeLongPoll(openAPI.getPaths().getPathItem("/api/v1/jobs/{id}").getGET());
        examples(openAPI);
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

    /** Required and nullable fields, read from the records; ids, statuses and times typed. */
    private static void typeViews(Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        for (Class<?> view : VIEWS) {
            String name = schemaName(view);
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            boolean classOmitsNulls = omitsNulls(view.getAnnotation(JsonInclude.class));
            Set<String> neverNull = NEVER_NULL.getOrDefault(name, Set.of());
            List<String> required = new ArrayList<>();
            for (RecordComponent field : view.getRecordComponents()) {
                String property = field.getName();
                Schema type = schema.getProperties().get(property);
                if (type == null) {
                    continue;
                }
                if (classOmitsNulls || omitsNulls(fieldAnnotation(view, property))) {
                    if (neverNull.contains(property)) {
                        required.add(property);
                    }
                    continue;
                }
                required.add(property);
                Class<?> javaType = field.getType();
                boolean canBeNull = !javaType.isPrimitive() && !Collection.class.isAssignableFrom(javaType)
                        && !Map.class.isAssignableFrom(javaType) && !neverNull.contains(property);
                if (canBeNull) {
                    schema.addProperty(property, nullable(type));
                }
            }
            schema.setRequired(required);
        }
        schemas.get("Batch").getProperties().get("status").enumeration(List.of("running", "completed", "cancelled"));
        schemas.get("ShortlistEntry").getProperties().get("recommendation")
                .enumeration(List.of("shortlist", "maybe", "reject"));
        schemas.get("BulkUploadFile").getProperties().get("status").enumeration(List.of("stored", "refused"));
        schemas.get("JobError").required(List.of("code", "message", "retryable"));
        Schema free = OASFactory.createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(true);
        components.addSchema("ObjectNode", free);
    }

    /**
     * A score's evidence is one named schema, which a decision record shares with the result
     * (generated clients get one Evidence type), beside the result's weights as they are.
     */
    private static void typeDecisionRecords(Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        Schema evidence = schemas.get("ScoreResult").getProperties().get("evidence");
        components.addSchema("Evidence", evidence.getItems().description("A requirement and the verbatim resume text that shows it"));
        evidence.items(ref("Evidence"));
        Schema record = schemas.get("DecisionRecord");
        record.addProperty("weights", nullable(fromJson(resultSchema("score").path("properties").get("weights"))));
        record.addProperty("evidence", OASFactory.createSchema().addType(SchemaType.ARRAY).addType(SchemaType.NULL).items(ref("Evidence")));
    }

    /** The job view per type: the result schema of each type, with {@code type} as the discriminator. */
    private static void typeResults(Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        Schema job = schemas.get("Job");
        components.removeSchema("Job");
        Schema resultDescription = job.getProperties().get("result");
        job.removeProperty("result");
        job.removeRequired("result");
        job.addProperty("type", ref("JobType"));
        job.description("What every job has, whatever its type");
        components.addSchema("JobFields", job);
        Schema union = OASFactory.createSchema().description("A job as you see it: its result's shape follows its type")
                .discriminator(OASFactory.createDiscriminator().propertyName("type"));
        for (String type : List.of("score", "tailor", "generate")) {
            String title = type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
            components.addSchema(title + "Result", fromJson(resultSchema(type))
                    .description("The result of a " + type + " job (prompts/" + type + "-v1 schema: what the engine writes, "
                            + "and engine, model, promptVersion and flags the service adds)"));
            variant(components, union, "JobFields", type, title + "Job", "A " + type + " job", "result", OASFactory.createSchema()
                    .description(nullToEmpty(resultDescription == null ? null : unwrap(resultDescription).getDescription())
                            + " (null until it succeeded)")
                    .oneOf(List.of(ref(title + "Result"), OASFactory.createSchema().addType(SchemaType.NULL))));
        }
        components.addSchema("Job", union);
    }

    /** A batch's shortlist per batch type: a score batch's entries, or a tailor batch's. */
    private static void typeShortlists(Components components) {
        Schema shortlist = components.getSchemas().get("Shortlist");
        components.removeSchema("Shortlist");
        components.removeSchema("ShortlistItem");
        String items = shortlist.getProperties().get("items").getDescription();
        shortlist.removeProperty("items");
        shortlist.removeRequired("items");
        shortlist.description("What every shortlist has, whatever its batch's type");
        components.addSchema("ShortlistFields", shortlist);
        Schema union = OASFactory.createSchema().description("A batch's ranked shortlist: its items' shape follows the "
                + "batch's type").discriminator(OASFactory.createDiscriminator().propertyName("type"));
        variant(components, union, "ShortlistFields", "score", "ScoreShortlist", "A score batch's shortlist, best score first",
                "items", OASFactory.createSchema().addType(SchemaType.ARRAY).items(ref("ShortlistEntry")).description(items));
        variant(components, union, "ShortlistFields", "tailor", "TailorShortlist",
                "A tailor batch's shortlist, best ATS score after tailoring first",
                "items", OASFactory.createSchema().addType(SchemaType.ARRAY).items(ref("TailoredEntry")).description(items));
        components.addSchema("Shortlist", union);
    }

    /** {@code name}: the fields schema with {@code type} fixed and {@code property} typed, one of {@code union}. */
    private static void variant(Components components, Schema union, String fields, String type, String name, String description,
            String property, Schema propertySchema) {
        Schema typed = OASFactory.createSchema().addType(SchemaType.OBJECT).required(List.of("type", property))
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).constValue(type))
                .addProperty(property, propertySchema);
        components.addSchema(name, OASFactory.createSchema().description(description).allOf(List.of(ref(fields), typed)));
        union.addOneOf(ref(name));
        union.getDiscriminator().addMapping(type, REF + name);
    }

    private static Schema unwrap(Schema schema) {
        return schema.getOneOf() != null && schema.getDescription() == null ? schema.getOneOf().get(0) : schema;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "The result" : text;
    }

    private static JsonNode resultSchema(String type) {
        String resource = "prompts/" + type + "-v1.schema.json";
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subset of JSON Schema the result schemas use, as the OpenAPI model. */
    static Schema fromJson(JsonNode json) {
        Schema schema = OASFactory.createSchema();
        JsonNode type = json.get("type");
        if (type != null) {
            (type.isArray() ? type : JSON.createArrayNode().add(type))
                    .forEach(t -> schema.addType(SchemaType.valueOf(t.asText().toUpperCase(Locale.ROOT))));
        }
        if (json.has("required")) {
            json.get("required").forEach(name -> schema.addRequired(name.asText()));
        }
        if (json.has("properties")) {
            json.get("properties").properties().forEach(p -> schema.addProperty(p.getKey(), fromJson(p.getValue())));
        }
        if (json.has("items")) {
            schema.items(fromJson(json.get("items")));
        }
        if (json.has("enum")) {
            List<Object> values = new ArrayList<>();
            json.get("enum").forEach(value -> values.add(value.asText()));
            schema.enumeration(values);
        }
        if (json.has("minimum")) {
            schema.minimum(new BigDecimal(json.get("minimum").asText()));
        }
        if (json.has("maximum")) {
            schema.maximum(new BigDecimal(json.get("maximum").asText()));
        }
        if (json.path("readOnly").asBoolean()) {
            schema.readOnly(true);
        }
        if (json.has("description")) {
            schema.description(json.get("description").asText());
        }
        if (json.has("additionalProperties")) {
            schema.additionalPropertiesBoolean(json.get("additionalProperties").asBoolean());
        }
        return schema;
    }

    private static Schema nullable(Schema type) {
        if (type.getRef() == null) {
            return type.getType() == null ? type : type.addType(SchemaType.NULL);
        }
        return OASFactory.createSchema().description(type.getDescription())
                .oneOf(List.of(ref(type.getRef().substring(REF.length())), OASFactory.createSchema().addType(SchemaType.NULL)));
    }

    /** {@code @JsonInclude} on a record component lands on its field (the annotation does not target components). */
    private static JsonInclude fieldAnnotation(Class<?> view, String property) {
        try {
            return view.getDeclaredField(property).getAnnotation(JsonInclude.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean omitsNulls(JsonInclude include) {
        return include != null && include.value() == JsonInclude.Include.NON_NULL;
    }

    private static String schemaName(Class<?> view) {
        var annotation = view.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        return annotation == null || annotation.name().isEmpty() ? view.getSimpleName() : annotation.name();
    }

    private static void examples(OpenAPI openAPI) {
        Operation submit = openAPI.getPaths().getPathItem("/api/v1/jobs").getPOST();
        submit.getRequestBody().getContent().getMediaType("application/json").addExample("score", example(
                "Score a resume against a job description", ordered(
                        "type", "score",
                        "resume", ordered("text", "Jane Doe, Backend Engineer. Built Java 17 services on PostgreSQL and Kubernetes."),
                        "jobDescription", ordered("text", "Senior Java developer: Java, PostgreSQL, Kubernetes; 5+ years."))));
        Map<String, Object> queued = new LinkedHashMap<>();
        queued.put("id", "6f1c2a9e-8d4b-4c1e-9a57-2b3f4d5e6a7b");
        queued.put("type", "score");
        queued.put("status", "queued");
        queued.put("priority", "normal");
        queued.put("progress", 0);
        queued.put("attempts", 0);
        queued.put("maxAttempts", 3);
        queued.put("cacheHit", false);
        queued.put("createdAt", "2026-01-05T09:30:00Z");
        queued.put("startedAt", null);
        queued.put("finishedAt", null);
        queued.put("result", null);
        queued.put("error", null);
        queued.put("usage", null);
        queued.put("waitingFor", null);
        queued.put("waitingSince", null);
        submit.getResponses().getAPIResponse("202").getContent().getMediaType("application/json")
                .addExample("queued", example("The job, stored and queued", queued));

        Map<String, Object> succeeded = new LinkedHashMap<>(queued);
        succeeded.put("status", "succeeded");
        succeeded.put("progress", 100);
        succeeded.put("attempts", 1);
        succeeded.put("startedAt", "2026-01-05T09:30:01Z");
        succeeded.put("finishedAt", "2026-01-05T09:30:02Z");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("score", 82);
        result.put("recommendation", "shortlist");
        result.put("matchedSkills", List.of("java", "postgresql", "kubernetes"));
        result.put("missingSkills", List.of());
        result.put("evidence", List.of(ordered("skill", "java", "quote", "Built Java 17 services on PostgreSQL and Kubernetes.")));
        result.put("summary", "Strong match: every required skill is evidenced.");
        result.put("engine", "local");
        result.put("model", "local-v1");
        result.put("promptVersion", "score-v1");
        result.put("flags", ordered("promptInjection", false));
        succeeded.put("result", result);
        succeeded.put("usage", ordered("engine", "local", "model", "local-v1", "tokensIn", 0, "tokensOut", 0, "costUsd", 0));
        openAPI.getPaths().getPathItem("/api/v1/jobs/{id}").getGET().getResponses().getAPIResponse("200").getContent()
                .getMediaType("application/json").addExample("succeeded", example("A score job that succeeded", succeeded));
    }

    /** A JSON object in the order given (Map.of's order changes from one run to the next). */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static Example example(String summary, Object value) {
        return OASFactory.createExample().summary(summary).value(value);
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

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref(REF + name);
    }

}
