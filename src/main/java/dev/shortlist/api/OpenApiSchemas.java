package dev.shortlist.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.jobs.DecisionRecords.DecisionRecord;
import dev.shortlist.jobs.ImpactReport;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.ReplayOutcome;
import dev.shortlist.jobs.ShortlistEntry;
import dev.shortlist.jobs.TailoredEntry;
import dev.shortlist.lifecycle.Deletions;
import dev.shortlist.lifecycle.Retention;
import dev.shortlist.notifications.BatchEmailOutbox;
import dev.shortlist.notifications.WebhookEndpoints;
import dev.shortlist.observability.SystemStats;
import dev.shortlist.platform.quota.DailyQuotas;
import dev.shortlist.platform.quota.KeyLimits;
import dev.shortlist.platform.quota.LimitUsage;
import dev.shortlist.security.AuditEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The document's schemas made exact: which fields of each view are required and which may be
 * null (read from the records), and the typed result of each job type and shortlist, from the
 * same {@code prompts/<type>-v1.schema.json} the engines are held to. Runs at build time with
 * {@link OpenApiContract}.
 */
final class OpenApiSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private OpenApiSchemas() {
    }

    /** Every view, result and shortlist typed, in the components of the document. */
    static void type(Components components) {
        typeViews(components);
        typeResults(components);
        typeShortlists(components);
        typeDecisionRecords(components);
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
        evidence.items(OpenApiContract.ref("Evidence"));
        Schema record = schemas.get("DecisionRecord");
        record.addProperty("weights", nullable(fromJson(resultSchema("score").path("properties").get("weights"))));
        record.addProperty("evidence", OASFactory.createSchema().addType(SchemaType.ARRAY).addType(SchemaType.NULL).items(OpenApiContract.ref("Evidence")));
    }

    /** The job view per type: the result schema of each type, with {@code type} as the discriminator. */
    private static void typeResults(Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        Schema job = schemas.get("Job");
        components.removeSchema("Job");
        Schema resultDescription = job.getProperties().get("result");
        job.removeProperty("result");
        job.removeRequired("result");
        job.addProperty("type", OpenApiContract.ref("JobType"));
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
                    .oneOf(List.of(OpenApiContract.ref(title + "Result"), OASFactory.createSchema().addType(SchemaType.NULL))));
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
                "items", OASFactory.createSchema().addType(SchemaType.ARRAY).items(OpenApiContract.ref("ShortlistEntry")).description(items));
        variant(components, union, "ShortlistFields", "tailor", "TailorShortlist",
                "A tailor batch's shortlist, best ATS score after tailoring first",
                "items", OASFactory.createSchema().addType(SchemaType.ARRAY).items(OpenApiContract.ref("TailoredEntry")).description(items));
        components.addSchema("Shortlist", union);
    }

    /** {@code name}: the fields schema with {@code type} fixed and {@code property} typed, one of {@code union}. */
    private static void variant(Components components, Schema union, String fields, String type, String name, String description,
            String property, Schema propertySchema) {
        Schema typed = OASFactory.createSchema().addType(SchemaType.OBJECT).required(List.of("type", property))
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).constValue(type))
                .addProperty(property, propertySchema);
        components.addSchema(name, OASFactory.createSchema().description(description).allOf(List.of(OpenApiContract.ref(fields), typed)));
        union.addOneOf(OpenApiContract.ref(name));
        union.getDiscriminator().addMapping(type, OpenApiContract.REF + name);
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
                .oneOf(List.of(OpenApiContract.ref(type.getRef().substring(OpenApiContract.REF.length())), OASFactory.createSchema().addType(SchemaType.NULL)));
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
}
