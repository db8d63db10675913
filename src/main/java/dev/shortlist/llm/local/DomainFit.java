package dev.shortlist.llm.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a resume's skills lie in the same fields as the job's: the cosine of the two
 * spreads of skills over fields (software, hr, law, ...). Coverage asks "does the resume
 * show what the job names?"; this asks "is this resume about the job's kind of work?", so
 * a short, focused HR resume is not outranked on an HR job by a long one from another
 * field that mentions recruiting once.
 */
final class DomainFit {

    /** Fields every kind of work shares: they say nothing about which work it is. */
    private static final Set<String> SHARED_FIELDS = Set.of("soft", "soft-skill", "language", "office");

    private DomainFit() {
    }

    /** The fields of the job: the categories of its skills by weight. */
    static Map<String, Double> ofJob(JobRequirements job) {
        Map<String, Double> fields = new HashMap<>();
        job.required().forEach((skill, weight) -> add(fields, skill.category(), weight));
        job.preferred().forEach((skill, weight) -> add(fields, skill.category(), weight / 2));
        return fields;
    }

    /** The fields of the resume: each skill once, more for skills it keeps coming back to. */
    static Map<String, Double> ofResume(ParsedResume resume) {
        Map<String, Double> fields = new HashMap<>();
        for (Term skill : resume.skills()) {
            add(fields, skill.category(), 1 + Math.log(resume.mentions(skill)));
        }
        return fields;
    }

    /** 0–1; null when either side shows no field-specific skill. */
    static Double fit(Map<String, Double> job, Map<String, Double> resume) {
        double dot = 0;
        for (Map.Entry<String, Double> field : job.entrySet()) {
            dot += field.getValue() * resume.getOrDefault(field.getKey(), 0.0);
        }
        double norms = norm(job) * norm(resume);
        return norms == 0 ? null : dot / norms;
    }

    /** The resume's main fields with their shares, e.g. "software 60%, data 30%". */
    static String describe(Map<String, Double> fields) {
        double total = fields.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Map.Entry<String, Double>> top = fields.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).toList();
        return top.stream().map(e -> e.getKey() + " " + Math.round(100 * e.getValue() / total) + "%")
                .collect(Collectors.joining(", "));
    }

    private static void add(Map<String, Double> fields, String field, double weight) {
        if (!SHARED_FIELDS.contains(field)) {
            fields.merge(field, weight, Double::sum);
        }
    }

    private static double norm(Map<String, Double> vector) {
        return Math.sqrt(vector.values().stream().mapToDouble(v -> v * v).sum());
    }
}
