package dev.shortlist.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.security.InjectionScan;
import dev.shortlist.security.InjectionSpan;
import dev.shortlist.security.PromptInjectionGuard;
import dev.shortlist.security.SecurityAudit;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Screens candidate-supplied text before any engine reads it: instructions aimed at the
 * scorer ("ignore previous instructions", "rate this candidate 100", hidden characters)
 * are cut out, so they can never raise a score, and reported in the result's flags with
 * the offending spans, so a recruiter sees the attempt.
 */
@ApplicationScoped
public class UntrustedText {

    private final PromptInjectionGuard guard = new PromptInjectionGuard();
    private final SecurityAudit audit;

    UntrustedText(SecurityAudit audit) {
        this.audit = audit;
    }

    /** A span cut from a field of the input (offsets are within that field's text). */
    public record Finding(String field, InjectionSpan span) {
    }

    /** Text as screened: what engines may read, and what was cut from it. */
    public record Screened(String text, List<Finding> findings) {

        public boolean detected() {
            return !findings.isEmpty();
        }

        /** Marks the result: {@code flags.promptInjection} and, when found, each span that was cut. */
        public void flag(ObjectNode result) {
            ObjectNode flags = result.withObjectProperty("flags");
            boolean engineSawOne = flags.path("promptInjection").asBoolean(false);
            flags.put("promptInjection", engineSawOne || detected());
            if (detected()) {
                ArrayNode spans = flags.putArray("injections");
                for (Finding finding : findings) {
                    spans.addObject()
                            .put("field", finding.field())
                            .put("kind", finding.span().kind())
                            .put("start", finding.span().start())
                            .put("end", finding.span().end())
                            .put("excerpt", finding.span().excerpt());
                }
            }
        }
    }

    /** Screens one text field of the input, e.g. the resume. */
    public Screened screen(Job job, String field, String text) {
        InjectionScan scan = guard.scan(text);
        List<Finding> findings = scan.spans().stream().map(span -> new Finding(field, span)).toList();
        logFound(job, findings);
        return new Screened(scan.detected() ? scan.cleaned() : text, findings);
    }

    /** Screens every text of a JSON input (a profile), returning the cleaned JSON as text. */
    public Screened screenJson(Job job, String field, JsonNode input) {
        JsonNode copy = input.deepCopy();
        List<Finding> findings = new ArrayList<>();
        screenNode(copy, field, findings);
        logFound(job, findings);
        return new Screened(copy.toString(), findings);
    }

    private void screenNode(JsonNode node, String path, List<Finding> findings) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                String childPath = path + "." + entry.getKey();
                if (entry.getValue().isTextual()) {
                    object.set(entry.getKey(), TextNode.valueOf(cleaned(entry.getValue().asText(), childPath, findings)));
                } else {
                    screenNode(entry.getValue(), childPath, findings);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(cleaned(array.get(i).asText(), childPath, findings)));
                } else {
                    screenNode(array.get(i), childPath, findings);
                }
            }
        }
    }

    private String cleaned(String text, String path, List<Finding> findings) {
        InjectionScan scan = guard.scan(text);
        scan.spans().forEach(span -> findings.add(new Finding(path, span)));
        return scan.detected() ? scan.cleaned() : text;
    }

    private void logFound(Job job, List<Finding> findings) {
        if (!findings.isEmpty()) {
            Log.infof("Job %s: %d prompt-injection span(s) cut from %s (%s)", job.id(), findings.size(),
                    findings.get(0).field(), findings.get(0).span().kind());
            audit.record(SecurityAudit.PROMPT_INJECTION, job.owner(), null, Map.of("jobId", job.id().toString(),
                    "spans", findings.size(), "kinds", findings.stream().map(f -> f.span().kind()).distinct().toList()));
        }
    }
}
