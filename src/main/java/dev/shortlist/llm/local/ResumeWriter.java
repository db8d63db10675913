package dev.shortlist.llm.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a clean Markdown resume from a candidate profile, ordered for one job: the skills
 * the job asks for first, each role's most relevant highlights first. Every line comes from
 * the profile; nothing is added that the profile does not say.
 *
 * <p>Takes the profile shape of {@code POST /api/v1/jobs} ({@code name}, {@code contact},
 * {@code summary}, {@code experience}, {@code education}, {@code skills}, {@code projects},
 * {@code certifications}) and also the JSON Resume shape ({@code basics}, {@code work}).
 */
public final class ResumeWriter {

    private final LocalScorer scorer;
    private final Vocabulary skills;

    public ResumeWriter(LocalScorer scorer, Vocabulary skills) {
        this.scorer = scorer;
        this.skills = skills;
    }

    public GeneratedResume write(JsonNode profile, String jobDescription, YearMonth today) {
        return write(profile, scorer.job(jobDescription), today);
    }

    /** Writes for a job description read before (a stored posting). */
    public GeneratedResume write(JsonNode profile, LocalScorer.Job job, YearMonth today) {
        Set<Term> asked = new LinkedHashSet<>(job.requirements().required().keySet());
        asked.addAll(job.requirements().preferred().keySet());
        JsonNode basics = profile.path("basics");

        StringBuilder md = new StringBuilder();
        md.append("# ").append(clean(first(profile.path("name"), basics.path("name")))).append("\n\n");
        String headline = first(profile.path("headline"), basics.path("label"));
        if (!headline.isEmpty()) {
            md.append("**").append(clean(headline)).append("**  \n");
        }
        String contact = contactLine(profile.path("contact"), basics);
        if (!contact.isEmpty()) {
            md.append(contact).append('\n');
        }

        String summary = first(profile.path("summary"), basics.path("summary"));
        if (!summary.isEmpty()) {
            md.append("\n## Summary\n\n").append(clean(summary)).append('\n');
        }

        List<String> profileSkills = skillNames(profile.path("skills"));
        List<String> orderedSkills = relevantSkillsFirst(profileSkills, asked);
        if (!orderedSkills.isEmpty()) {
            md.append("\n## Skills\n\n").append(String.join(" · ", orderedSkills.stream().map(ResumeWriter::clean).toList())).append('\n');
        }

        JsonNode experience = profile.has("experience") ? profile.path("experience") : profile.path("work");
        if (experience.isArray() && !experience.isEmpty()) {
            md.append("\n## Experience\n");
            for (JsonNode role : experience) {
                String title = first(role.path("title"), role.path("position"));
                String company = first(role.path("company"), role.path("name"));
                md.append("\n### ").append(clean(join(" — ", title, company))).append("\n\n");
                String when = join(" – ", first(role.path("start"), role.path("startDate")),
                        first(role.path("end"), role.path("endDate"), role.path("start").isMissingNode()
                                && role.path("startDate").isMissingNode() ? null : "Present"));
                String meta = join(" · ", text(role.path("location")), when);
                if (!meta.isEmpty()) {
                    md.append('*').append(clean(meta)).append("*\n\n");
                }
                String roleSummary = text(role.path("summary"));
                if (!roleSummary.isEmpty()) {
                    md.append(clean(roleSummary)).append("\n\n");
                }
                for (String highlight : relevantFirst(strings(role.has("highlights") ? role.path("highlights") : role.path("bullets")), asked, job)) {
                    md.append("- ").append(clean(highlight)).append('\n');
                }
            }
        }

        JsonNode projects = profile.path("projects");
        if (projects.isArray() && !projects.isEmpty()) {
            md.append("\n## Projects\n\n");
            for (JsonNode project : projects) {
                String line = join(": ", text(project.path("name")), text(project.path("description")));
                if (!line.isEmpty()) {
                    md.append("- ").append(clean(line)).append('\n');
                }
            }
        }

        JsonNode education = profile.path("education");
        if (education.isArray() && !education.isEmpty()) {
            md.append("\n## Education\n\n");
            for (JsonNode school : education) {
                String degree = join(", ", first(school.path("degree"), school.path("studyType")), text(school.path("area")));
                String where = first(school.path("institution"), school.path("school"));
                String when = first(school.path("year"), school.path("endDate"), school.path("end"));
                md.append("- ").append(clean(join(" — ", degree, join(", ", where, when)))).append('\n');
            }
        }

        List<String> certifications = strings(profile.path("certifications"));
        if (!certifications.isEmpty()) {
            md.append("\n## Certifications\n\n");
            certifications.forEach(c -> md.append("- ").append(clean(c)).append('\n'));
        }

        String markdown = md.toString();
        ScoreReport report = scorer.score(scorer.read(markdown, today), job);
        List<String> suggestions = report.missingSkills().stream()
                .map(skill -> "The job asks for " + skill + ": add it to the profile only if the candidate has used it")
                .toList();
        return new GeneratedResume(markdown, report.matchedSkills(), report.missingSkills(), suggestions, report.score(),
                "Generated from the profile for the job: ATS score " + report.score() + "/100, "
                        + report.matchedSkills().size() + " of the job's skills shown, " + report.missingSkills().size()
                        + " suggested.");
    }

    /** Profile skills the job asks for first (in the job's order of emphasis), then the rest as given. */
    private List<String> relevantSkillsFirst(List<String> profileSkills, Set<Term> asked) {
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String skill : profileSkills) {
            boolean isAsked = skills.locate(skill).stream().anyMatch(l -> asked.contains(l.term()));
            (isAsked ? first : rest).add(skill);
        }
        first.addAll(rest);
        return first;
    }

    private List<String> relevantFirst(List<String> highlights, Set<Term> asked, LocalScorer.Job job) {
        LineRelevance relevance = new LineRelevance(skills, asked, job.query());
        List<String> sorted = new ArrayList<>(highlights);
        sorted.sort(Comparator.comparingDouble((String line) -> -relevance.of(line)));
        return sorted;
    }

    private static String contactLine(JsonNode contact, JsonNode basics) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("email", "phone")) {
            String value = first(contact.path(field), basics.path(field));
            if (!value.isEmpty()) {
                parts.add(value);
            }
        }
        JsonNode location = contact.has("location") ? contact.path("location") : basics.path("location");
        String where = location.isObject()
                ? join(", ", text(location.path("city")), text(location.path("region")), text(location.path("countryCode")))
                : text(location);
        if (!where.isEmpty()) {
            parts.add(where);
        }
        for (JsonNode link : contact.has("links") ? contact.path("links") : basics.path("profiles")) {
            String url = link.isObject() ? text(link.path("url")) : text(link);
            if (!url.isEmpty()) {
                parts.add(url);
            }
        }
        String site = text(basics.path("url"));
        if (!site.isEmpty()) {
            parts.add(site);
        }
        return clean(String.join(" · ", parts));
    }

    /** Skills as plain names: strings, or JSON Resume objects with a name and keywords. */
    private static List<String> skillNames(JsonNode skills) {
        List<String> names = new ArrayList<>();
        for (JsonNode skill : skills) {
            if (skill.isObject()) {
                String name = text(skill.path("name"));
                if (!name.isEmpty()) {
                    names.add(name);
                }
                names.addAll(strings(skill.path("keywords")));
            } else if (!text(skill).isEmpty()) {
                names.add(text(skill));
            }
        }
        return names.stream().distinct().toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            String value = item.isObject() ? join(" — ", text(item.path("name")), text(item.path("issuer"))) : text(item);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    private static String first(Object... candidates) {
        for (Object candidate : candidates) {
            String value = candidate instanceof JsonNode node ? text(node) : candidate == null ? "" : candidate.toString();
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText().strip() : "";
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part.strip());
            }
        }
        return String.join(separator, present);
    }

    /** One line of profile text, safe in Markdown: no line breaks, no markup of its own. */
    private static String clean(String value) {
        return value.replaceAll("\\s+", " ").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#").strip();
    }
}
