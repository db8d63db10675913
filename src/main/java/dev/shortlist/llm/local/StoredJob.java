package dev.shortlist.llm.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The local engine's reading of a job description ({@link LocalScorer.Job}) in a form that
 * can be stored beside a posting: the requirements and BM25 terms as JSON (ordered arrays,
 * since a database's JSON may reorder object keys), the embeddings as little-endian floats.
 * Reading it back gives the same reading to the bit, so a resume scored against a stored
 * posting gets the result it would get against the posting's text.
 */
public final class StoredJob {

    /** The stored form. */
    public record Form(ObjectNode reading, byte[] embeddings) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StoredJob() {
    }

    public static Form write(LocalScorer.Job job) {
        JobRequirements asked = job.requirements();
        ObjectNode reading = JSON.objectNode();
        asked.title().ifPresentOrElse(title -> reading.set("title", term(title)), () -> reading.putNull("title"));
        reading.put("titleText", asked.titleText());
        if (asked.years().isPresent()) {
            reading.put("years", asked.years().getAsDouble());
        } else {
            reading.putNull("years");
        }
        reading.set("required", weighted(asked.required()));
        reading.set("preferred", weighted(asked.preferred()));
        ArrayNode items = reading.putArray("items");
        for (Requirement item : asked.items()) {
            ObjectNode node = items.addObject().put("kind", item.kind().name().toLowerCase(Locale.ROOT)).put("text", item.text());
            item.terms().forEach(node.putArray("terms")::add);
        }
        ArrayNode stated = reading.putArray("stated");
        for (StatedRequirement requirement : asked.stated()) {
            stated.addObject().put("name", requirement.name()).put("preferred", requirement.preferred())
                    .put("clause", requirement.clause());
        }
        reading.put("yearsClause", asked.yearsClause());
        asked.statedSkills().forEach(reading.putArray("statedSkills")::add);
        ArrayNode terms = reading.putArray("terms");
        job.query().forEach((term, weight) -> terms.addArray().add(term).add(weight));

        List<float[]> vectors = new ArrayList<>();
        vectors.add(job.vector());
        vectors.add(job.titleVector());
        vectors.addAll(job.itemVectors());
        int floats = vectors.stream().mapToInt(v -> v.length).sum();
        ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES * (1 + vectors.size()) + Float.BYTES * floats)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(vectors.size());
        for (float[] vector : vectors) {
            bytes.putInt(vector.length);
            for (float value : vector) {
                bytes.putFloat(value);
            }
        }
        return new Form(reading, bytes.array());
    }

    /** The reading {@link #write} stored; fails with {@link IllegalArgumentException} on anything else. */
    public static LocalScorer.Job read(JsonNode reading, byte[] embeddings) {
        try {
            JsonNode title = reading.path("title");
            Optional<Term> asked = title.isObject() ? Optional.of(term(title)) : Optional.empty();
            OptionalDouble years = reading.path("years").isNumber() ? OptionalDouble.of(reading.get("years").asDouble())
                    : OptionalDouble.empty();
            List<Requirement> items = new ArrayList<>();
            for (JsonNode item : reading.path("items")) {
                List<String> terms = new ArrayList<>();
                item.path("terms").forEach(term -> terms.add(term.asText()));
                items.add(new Requirement(Requirement.Kind.valueOf(item.path("kind").asText().toUpperCase(Locale.ROOT)),
                        item.path("text").asText(), List.copyOf(terms)));
            }
            List<StatedRequirement> stated = new ArrayList<>();
            for (JsonNode requirement : reading.path("stated")) {
                stated.add(new StatedRequirement(requirement.path("name").asText(), requirement.path("preferred").asBoolean(),
                        requirement.path("clause").asText()));
            }
            // Filled in the stored order: the same keys in the same order iterate alike, so sums add up alike.
            Map<String, Double> query = new HashMap<>();
            reading.path("terms").forEach(pair -> query.put(pair.get(0).asText(), pair.get(1).asDouble()));
            JobRequirements requirements = new JobRequirements(asked, weights(reading.path("required")),
                    weights(reading.path("preferred")), years, reading.path("titleText").asText(""), List.copyOf(items),
                    List.copyOf(stated), reading.path("yearsClause").asText(""), statedSkills(reading.path("statedSkills")));

            ByteBuffer bytes = ByteBuffer.wrap(embeddings).order(ByteOrder.LITTLE_ENDIAN);
            int count = bytes.getInt();
            if (count != items.size() + 2) {
                throw new IllegalArgumentException(count + " vectors stored for " + items.size() + " requirements");
            }
            List<float[]> vectors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                float[] vector = new float[bytes.getInt()];
                for (int j = 0; j < vector.length; j++) {
                    vector[j] = bytes.getFloat();
                }
                vectors.add(vector);
            }
            return new LocalScorer.Job(requirements, query, vectors.get(0), vectors.get(1), List.copyOf(vectors.subList(2, count)));
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException("not a stored job reading", e);
        }
    }

    private static java.util.Set<String> statedSkills(JsonNode array) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        array.forEach(name -> names.add(name.asText()));
        return java.util.Collections.unmodifiableSet(names);
    }

    private static ObjectNode term(Term term) {
        return JSON.objectNode().put("name", term.name()).put("category", term.category());
    }

    private static Term term(JsonNode node) {
        return new Term(node.path("name").asText(), node.path("category").asText());
    }

    private static ArrayNode weighted(Map<Term, Double> skills) {
        ArrayNode array = JSON.arrayNode();
        skills.forEach((skill, weight) -> array.add(term(skill).put("weight", weight)));
        return array;
    }

    private static Map<Term, Double> weights(JsonNode array) {
        Map<Term, Double> weights = new LinkedHashMap<>();
        array.forEach(node -> weights.put(term(node), node.path("weight").asDouble()));
        return weights;
    }
}
