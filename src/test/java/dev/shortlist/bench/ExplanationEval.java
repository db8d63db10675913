package dev.shortlist.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.documents.TextNormalizer;
import dev.shortlist.llm.LocalProvider;
import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.llm.local.ParsedResume;
import dev.shortlist.llm.local.ScoreReport;
import dev.shortlist.support.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How well a score's explanation names what a posting asks: postings of 24 fields, each
 * written in three styles (bullets under headings, one paragraph, a long posting with
 * benefits and equal-opportunity boilerplate) from {@code bench/eval/explanations/*.txt},
 * each with the requirements a recruiter lists for it. Every posting is scored against
 * resumes of its field (the livecareer PDFs of the public data when they are beside the
 * checkout, else the project's fixtures) and the result is read as a person reads it.
 *
 * <ul>
 * <li>Recall: a listed requirement counts when the result names it, or one of its synonyms
 * or expansions, as matched or missing (a skill, a requirement, a piece of evidence), or for
 * years asked when {@code yearsRequired} is the number the posting asks.</li>
 * <li>Precision: a named requirement counts when it is one the posting really states: one
 * of the recruiter's requirements, or one of the posting's duties.</li>
 * </ul>
 *
 * Prints recall and precision per field and overall beside the figures recorded for the
 * engine before ({@code bench/eval/explanations/before.tsv}), then {@code EVAL} lines.
 * {@code -Dexplain.write-before=true} records this run's figures as "before".
 */
public final class ExplanationEval {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RESUMES_PER_FIELD = 3;
    private static final List<String> BENEFITS = List.of(
            "Medical, dental and vision insurance from your first day",
            "401(k) retirement plan with a 4% company match",
            "Three weeks of paid time off plus paid holidays",
            "Tuition reimbursement and paid parental leave");
    private static final String EQUAL_OPPORTUNITY = "We are an equal opportunity employer. All qualified applicants will receive"
            + " consideration for employment without regard to race, color, religion, sex, sexual orientation, gender identity,"
            + " national origin, disability or protected veteran status. Reasonable accommodations are available on request.";
    private static final String CULTURE = "We value curiosity, teamwork and doing right by our customers, and we promote"
            + " from within whenever we can.";
    /** Fixture fields standing in for a posting's field when the public resumes are not at hand. */
    private static final Map<String, String> FIXTURE_FIELD = Map.of("ACCOUNTANT", "accounting", "CHEF", "chef",
            "HR", "hr", "HEALTHCARE", "nursing", "SALES", "sales", "TEACHER", "teacher", "ENGINEERING", "mechanical-engineer",
            "INFORMATION-TECHNOLOGY", "devops-engineer", "CONSTRUCTION", "civil-engineer", "FINANCE", "accounting");

    private ExplanationEval() {
    }

    /** One requirement a recruiter lists: its names (synonyms, expansions), or the years asked. */
    record Listed(String label, List<String> aliases, Double years, boolean preferred) {
    }

    /** One field's posting material and requirement list. */
    record Field(String name, String title, String about, List<String> duties, List<String> required, List<String> preferred,
            List<Listed> listed, List<String> dutyAliases) {
    }

    /** Counts for one field (or all): requirements named of those listed, named ones the posting states. */
    static final class Tally {
        int listed;
        int recalled;
        int named;
        int precise;
        int yearsStated;
        int yearsRead;

        void add(Tally other) {
            listed += other.listed;
            recalled += other.recalled;
            named += other.named;
            precise += other.precise;
            yearsStated += other.yearsStated;
            yearsRead += other.yearsRead;
        }

        double recall() {
            return listed == 0 ? 0 : (double) recalled / listed;
        }

        double precision() {
            return named == 0 ? 0 : (double) precise / named;
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/eval/explanations");
        Path pdfs = Path.of(args.length > 1 ? args[1] : "../shared/data/resumes/livecareer-dev");
        List<Field> fields = load(dir);
        Map<String, List<String>> resumes = resumes(fields, pdfs);
        LocalScorer scorer = LocalScorer.withDefaults();
        Map<String, Tally> byField = new LinkedHashMap<>();
        Map<String, Tally> byStyle = new LinkedHashMap<>();
        List<String> worst = new ArrayList<>();
        for (Field field : fields) {
            Tally tally = new Tally();
            for (Map.Entry<String, String> styled : styles(field).entrySet()) {
                Tally style = byStyle.computeIfAbsent(styled.getKey(), k -> new Tally());
                LocalScorer.Job job = scorer.job(TextNormalizer.normalize(styled.getValue()));
                for (String resume : resumes.get(field.name())) {
                    ParsedResume parsed = scorer.read(resume, LocalScorer.REFERENCE_MONTH);
                    Tally pair = tally(field, scorer.score(parsed, job), worst, styled.getKey());
                    tally.add(pair);
                    style.add(pair);
                }
            }
            byField.put(field.name(), tally);
        }
        print(byField, byStyle, readBefore(dir.resolve("before.tsv")), resumes);
        if (Boolean.getBoolean("explain.write-before")) {
            writeBefore(dir.resolve("before.tsv"), byField);
        }
        if (Boolean.getBoolean("explain.show-missed")) {
            worst.stream().distinct().forEach(System.out::println);
        }
    }

    static Tally tally(Field field, ScoreReport report, List<String> missed, String style) {
        JsonNode result = JSON.valueToTree(report);
        Set<String> named = named(result);
        JsonNode yearsNode = result.path("yearsRequired");
        Double years = yearsNode.isNumber() ? yearsNode.asDouble() : null;
        Tally tally = new Tally();
        for (Listed listed : field.listed()) {
            tally.listed++;
            boolean found;
            if (listed.years() != null) {
                tally.yearsStated++;
                found = years != null && Math.abs(years - listed.years()) < 0.5;
                if (found) {
                    tally.yearsRead++;
                }
            } else {
                found = named.stream().anyMatch(name -> matchesAny(name, listed.aliases()));
            }
            if (found) {
                tally.recalled++;
            } else {
                missed.add(field.name() + " " + style + " missed: " + listed.label());
            }
        }
        for (String name : named) {
            tally.named++;
            boolean stated = field.listed().stream().anyMatch(l -> matchesAny(name, l.aliases()))
                    || matchesAny(name, field.dutyAliases());
            if (stated) {
                tally.precise++;
            } else {
                missed.add(field.name() + " " + style + " not stated: " + name);
            }
        }
        if (years != null) {
            tally.named++;
            if (field.listed().stream().anyMatch(l -> l.years() != null && Math.abs(l.years() - years) < 0.5)) {
                tally.precise++;
            } else {
                missed.add(field.name() + " " + style + " not stated: years " + years);
            }
        }
        return tally;
    }

    /** Every requirement a result names, matched or missing: skills, listed requirements, evidence. */
    static Set<String> named(JsonNode result) {
        Set<String> named = new LinkedHashSet<>();
        for (String list : List.of("matchedSkills", "missingSkills", "missingPreferredSkills")) {
            result.path(list).forEach(item -> named.add(item.asText()));
        }
        result.path("evidence").forEach(item -> named.add(item.path("skill").asText()));
        result.path("requirements").forEach(item -> named.add(item.path("requirement").asText()));
        Set<String> distinct = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String name : named) {
            if (!name.isBlank() && seen.add(normal(name))) {
                distinct.add(name);
            }
        }
        return distinct;
    }

    /** Whole-word containment either way, after lower-casing and dropping punctuation. */
    static boolean matchesAny(String name, List<String> aliases) {
        String n = " " + normal(name) + " ";
        for (String alias : aliases) {
            String a = " " + normal(alias) + " ";
            if (a.isBlank() || n.isBlank()) {
                continue;
            }
            if (n.contains(a) || a.contains(n)) {
                return true;
            }
        }
        return false;
    }

    static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replace('’', '\'').replace("'s ", "s ").replaceAll("[^a-z0-9&+#]+", " ").strip();
    }

    /** The three ways the same posting is written. */
    static Map<String, String> styles(Field field) {
        Map<String, String> styles = new LinkedHashMap<>();
        StringBuilder bullets = new StringBuilder(field.title()).append("\n\nResponsibilities\n");
        field.duties().forEach(d -> bullets.append("- ").append(d).append('\n'));
        bullets.append("\nRequirements\n");
        field.required().forEach(r -> bullets.append("- ").append(r).append('\n'));
        if (!field.preferred().isEmpty()) {
            bullets.append("\nNice to have\n");
            field.preferred().forEach(p -> bullets.append("- ").append(p).append('\n'));
        }
        styles.put("bullets", bullets.toString());

        List<String> sentences = new ArrayList<>();
        sentences.add("We are hiring a " + field.title() + ".");
        sentences.add("In this role you will " + lowerFirst(String.join(" You will also ", field.duties().stream()
                .map(ExplanationEval::lowerFirst).toList())));
        sentences.add("Requirements: " + String.join(" ", field.required()));
        sentences.addAll(field.preferred());
        styles.put("paragraph", String.join(" ", sentences));

        StringBuilder longer = new StringBuilder(field.title()).append("\n\nAbout us\n").append(field.about()).append(' ')
                .append(CULTURE).append("\n\nWhat you'll do\n");
        field.duties().forEach(d -> longer.append("• ").append(d).append('\n'));
        longer.append("\nWhat you bring\n");
        field.required().forEach(r -> longer.append("• ").append(r).append('\n'));
        if (!field.preferred().isEmpty()) {
            longer.append("\nBonus points\n");
            field.preferred().forEach(p -> longer.append("• ").append(p).append('\n'));
        }
        longer.append("\nBenefits\n");
        BENEFITS.forEach(b -> longer.append("• ").append(b).append('\n'));
        longer.append('\n').append(EQUAL_OPPORTUNITY).append('\n');
        styles.put("long", longer.toString());
        return styles;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    static List<Field> load(Path dir) throws IOException {
        List<Field> fields = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                fields.add(read(Files.readAllLines(file, StandardCharsets.UTF_8)));
            }
        }
        return fields;
    }

    private static Field read(List<String> lines) {
        String name = "";
        String title = "";
        String about = "";
        List<String> duties = new ArrayList<>();
        List<String> required = new ArrayList<>();
        List<String> preferred = new ArrayList<>();
        List<Listed> listed = new ArrayList<>();
        List<String> dutyAliases = new ArrayList<>();
        List<String> section = duties;
        for (String line : lines) {
            if (line.startsWith("Field:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("Title:")) {
                title = line.substring(6).strip();
            } else if (line.startsWith("About:")) {
                about = line.substring(6).strip();
            } else if (line.equals("Duties:")) {
                section = duties;
            } else if (line.equals("Required:")) {
                section = required;
            } else if (line.equals("Preferred:")) {
                section = preferred;
            } else if (line.startsWith("- ")) {
                section.add(line.substring(2).strip());
            } else if (line.startsWith("R:") || line.startsWith("P:")) {
                String spec = line.substring(2).strip();
                boolean isPreferred = line.startsWith("P:");
                if (spec.startsWith("years ")) {
                    listed.add(new Listed(spec, List.of(), Double.parseDouble(spec.substring(6).strip()), isPreferred));
                } else {
                    listed.add(new Listed(spec, aliases(spec), null, isPreferred));
                }
            } else if (line.startsWith("D:")) {
                dutyAliases.addAll(aliases(line.substring(2)));
            }
        }
        return new Field(name, title, about, duties, required, preferred, listed, dutyAliases);
    }

    private static List<String> aliases(String spec) {
        return java.util.Arrays.stream(spec.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Resumes of each field: the public PDFs when present (read at run time, never copied), else the fixtures. */
    static Map<String, List<String>> resumes(List<Field> fields, Path pdfs) throws IOException {
        Map<String, List<String>> resumes = new LinkedHashMap<>();
        boolean publicData = Files.isDirectory(pdfs);
        List<LivecareerEval.Resume> all = publicData ? LivecareerEval.extract(pdfs) : List.of();
        for (Field field : fields) {
            List<String> texts;
            if (publicData) {
                texts = all.stream().filter(r -> r.field().equals(field.name())).limit(RESUMES_PER_FIELD)
                        .map(LivecareerEval.Resume::text).toList();
            } else {
                String fixture = FIXTURE_FIELD.getOrDefault(field.name(), Fixtures.fields().get(0));
                texts = Fixtures.resumes(fixture).stream().limit(RESUMES_PER_FIELD)
                        .map(r -> TextNormalizer.normalize(r.text())).toList();
            }
            resumes.put(field.name(), texts);
        }
        return resumes;
    }

    private static Map<String, double[]> readBefore(Path file) throws IOException {
        Map<String, double[]> before = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t");
                if (cells.length == 3 && !line.startsWith("#")) {
                    before.put(cells[0], new double[] {Double.parseDouble(cells[1]), Double.parseDouble(cells[2])});
                }
            }
        }
        return before;
    }

    private static void writeBefore(Path file, Map<String, Tally> byField) throws IOException {
        StringBuilder out = new StringBuilder("# field\trecall\tprecision, of " + LocalProvider.MODEL + "\n");
        Tally all = new Tally();
        byField.forEach((field, tally) -> {
            all.add(tally);
            out.append(field).append('\t').append(f(tally.recall())).append('\t').append(f(tally.precision())).append('\n');
        });
        out.append("ALL\t").append(f(all.recall())).append('\t').append(f(all.precision())).append('\n');
        Files.writeString(file, out.toString());
    }

    private static void print(Map<String, Tally> byField, Map<String, Tally> byStyle, Map<String, double[]> before,
            Map<String, List<String>> resumes) {
        System.out.printf("Explanations of %s: %d fields, 3 styles each, %d resumes%n", LocalProvider.MODEL, byField.size(),
                resumes.values().stream().mapToInt(List::size).sum());
        System.out.printf("%-24s %14s %14s %10s%n", "field", "recall", "precision", "years read");
        System.out.printf("%-24s %14s %14s%n", "", "before → now", "before → now");
        Tally all = new Tally();
        double minRecall = 1;
        for (Map.Entry<String, Tally> entry : byField.entrySet()) {
            Tally tally = entry.getValue();
            all.add(tally);
            minRecall = Math.min(minRecall, tally.recall());
            double[] was = before.getOrDefault(entry.getKey(), new double[] {Double.NaN, Double.NaN});
            System.out.printf("%-24s %5s → %5s  %5s → %5s %5d/%d%n", entry.getKey(), f(was[0]), f(tally.recall()), f(was[1]),
                    f(tally.precision()), tally.yearsRead, tally.yearsStated);
        }
        double[] was = before.getOrDefault("ALL", new double[] {Double.NaN, Double.NaN});
        System.out.printf("%-24s %5s → %5s  %5s → %5s %5d/%d%n", "all", f(was[0]), f(all.recall()), f(was[1]),
                f(all.precision()), all.yearsRead, all.yearsStated);
        byStyle.forEach((style, tally) -> System.out.printf("  style %-16s recall %s, precision %s, years read %d/%d%n", style,
                f(tally.recall()), f(tally.precision()), tally.yearsRead, tally.yearsStated));
        System.out.println("EVAL explain.recall " + f(all.recall()));
        System.out.println("EVAL explain.precision " + f(all.precision()));
        System.out.println("EVAL explain.min_field_recall " + f(minRecall));
        System.out.println("EVAL explain.years_read " + f(all.yearsStated == 0 ? 0 : (double) all.yearsRead / all.yearsStated));
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "  -  " : String.format(Locale.ROOT, "%.3f", value);
    }
}
