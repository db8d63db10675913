package dev.shortlist.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link LivecareerEval} as a user would run it, through a running service: each resume PDF
 * uploaded with {@code POST /api/v1/documents} (so the service's extraction counts), its text
 * read back, and every field's job description ranked by a batch whose shortlist gives the
 * scores. Baselines are computed on the texts the service extracted. Run by bench/eval/run.sh.
 *
 * <p>Resumes are named in batches by their document id, so ties in the shortlist (ordered by
 * external id) cannot favour any field.
 */
public final class LivecareerApiEval {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BATCH_DEADLINE = Duration.ofMinutes(20);
    private static final String KEY = System.getenv().getOrDefault("SHORTLIST_API_KEY", "");

    private LivecareerApiEval() {
    }

    record Uploaded(String field, String documentId, String text) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path jds = Path.of(args[1]);
        Path pdfs = Path.of(args[2]);
        HttpClient http = HttpClient.newHttpClient();
        List<Uploaded> resumes = upload(http, base, pdfs);
        List<EvalJobDescriptions.Posting> postings = EvalJobDescriptions.load(jds);
        LivecareerEval.Report report = new LivecareerEval.Report("livecareer", resumes.stream().map(Uploaded::text).toList());
        for (EvalJobDescriptions.Posting posting : postings) {
            Map<String, Integer> scores = rank(http, base, posting.text(), resumes);
            double[] engine = new double[resumes.size()];
            for (int i = 0; i < resumes.size(); i++) {
                engine[i] = scores.getOrDefault(resumes.get(i).documentId(), -1);
            }
            report.add(posting, engine, resumes.stream().map(r -> r.field().equals(posting.category())).toList());
        }
        report.print();
    }

    /** Uploads every PDF; one the service refuses (no text layer) stays in the pool, unranked. */
    private static List<Uploaded> upload(HttpClient http, String base, Path root) throws Exception {
        List<Uploaded> uploaded = new ArrayList<>();
        int refused = 0;
        try (var fields = Files.list(root)) {
            for (Path field : fields.filter(Files::isDirectory).sorted().toList()) {
                try (var files = Files.list(field)) {
                    for (Path pdf : files.filter(f -> f.toString().endsWith(".pdf")).sorted().toList()) {
                        HttpResponse<String> created = http.send(request(base + "/api/v1/documents")
                                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofFile(pdf)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        String name = field.getFileName().toString();
                        if (created.statusCode() == 422) {
                            refused++;
                            uploaded.add(new Uploaded(name, "refused-" + pdf.getFileName(), ""));
                            continue;
                        }
                        String id = ok(created).get("id").asText();
                        String text = ok(http.send(request(base + "/api/v1/documents/" + id).build(),
                                HttpResponse.BodyHandlers.ofString())).path("text").asText("");
                        uploaded.add(new Uploaded(name, id, text));
                    }
                }
            }
        }
        System.out.printf("uploaded %d resume PDFs through the API (%d refused by the service: no text layer)%n",
                uploaded.size() - refused, refused);
        return uploaded;
    }

    /** One batch: the posting against every uploaded resume; its shortlist's scores by document id. */
    private static Map<String, Integer> rank(HttpClient http, String base, String jobDescription, List<Uploaded> resumes) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("type", "score");
        body.putObject("jobDescription").put("text", jobDescription);
        ArrayNode items = body.putArray("resumes");
        resumes.stream().filter(r -> !r.documentId().startsWith("refused-"))
                .forEach(r -> items.addObject().put("externalId", r.documentId()).put("documentId", r.documentId()));
        String id = ok(http.send(request(base + "/api/v1/batches")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString())).get("id").asText();
        long deadline = System.nanoTime() + BATCH_DEADLINE.toNanos();
        while (true) {
            JsonNode batch = ok(http.send(request(base + "/api/v1/batches/" + id).build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (!"running".equals(batch.path("status").asText())) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("batch " + id + " still running after " + BATCH_DEADLINE);
            }
            Thread.sleep(500);
        }
        JsonNode shortlist = ok(http.send(request(base + "/api/v1/batches/" + id + "/shortlist?top=10000")
                .build(), HttpResponse.BodyHandlers.ofString()));
        Map<String, Integer> scores = new HashMap<>();
        shortlist.path("items").forEach(entry -> scores.put(entry.path("externalId").asText(), entry.path("score").asInt()));
        return scores;
    }

    private static HttpRequest.Builder request(String uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri));
        return KEY.isEmpty() ? builder : builder.header("Authorization", "Bearer " + KEY);
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
