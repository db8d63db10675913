package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a job description into {@link JobRequirements}: which skills are required and which
 * preferred (by the section they sit in, or a "nice to have" on their line), the title, and
 * the years asked. Postings without headings or punctuation still work: then every skill is
 * required.
 */
final class JobReader {

    private static final Pattern PREFERRED_HEADING = RequirementReader.heading(
            "preferred|preferred qualifications|preferred skills|nice to have|nice-to-have|bonus( points)?"
                    + "|pluses|desired|desired skills|desirable|good to have|additional skills|extra credit");
    private static final Pattern OTHER_HEADING = RequirementReader.heading(
            "requirements|required|required skills|qualifications|minimum qualifications|basic qualifications"
                    + "|must have|must-have|what you need|what you'll need|what we're looking for|who you are|skills"
                    + "|responsibilities|key responsibilities|duties|what you'll do|about the role|the role|job description"
                    + "|about us|benefits|perks");
    private static final Pattern PREFERRED_LINE = Pattern.compile(
            "\\b(preferred|a plus|is a plus|nice to have|nice-to-have|bonus|desirable|good to have|advantage|advantageous"
                    + "|familiarity with|exposure to|ideally)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YEARS = Pattern.compile(
            "(\\d{1,2})\\s*(?:\\+|plus)?\\s*(?:(?:-|–|to)\\s*\\d{1,2}\\s*)?(?:years?|yrs?)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE_FIELD = Pattern.compile(
            "^\\s*(?:job title|title|position|role|position title)\\s*[:\\-–]\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern REQUIRED_HEADING = RequirementReader.heading(
            "requirements|required|required skills|qualifications|minimum qualifications|basic qualifications"
                    + "|must have|must-have|what you need|what you'll need|what we're looking for|who you are|skills"
                    + "|skills and qualifications|education and experience");
    private static final Pattern BULLET = Pattern.compile("^[\\s\\-*•·–—>o]+(?=\\S)");
    private static final int MAX_ITEMS = 40;
    private static final int MAX_TITLE_CHARS = 80;
    private static final int TITLE_SEARCH_LINES = 5;
    private static final int MAX_YEARS_ASKED = 15;
    /** What follows years asked of a candidate: "of", or where and how they were spent. */
    private static final Pattern AFTER_YEARS_ASKED = Pattern.compile(
            "\\s*(?:of|in|as|with|working|leading|managing|running|hands-on|professional|relevant)\\b");
    /** "for 20 years in business": a span of time the posting tells of, not one it asks for. */
    private static final Pattern SPAN_BEFORE = Pattern.compile("\\b(?:for|over|since|nearly|almost)\\s*$");

    /** The posting introducing itself: "we are hiring", "we're looking for" name the job, not a skill it asks. */
    private static final Pattern SELF_INTRODUCTION = Pattern.compile(
            "\\b(?:we are|we're|we’re|we)\\s+(?:currently\\s+)?(?:hiring|recruiting|looking for|seeking)\\b", Pattern.CASE_INSENSITIVE);

    /** The job a posting written as one paragraph names as it introduces itself: "We are hiring a Sous Chef." */
    private static final Pattern HIRING = Pattern.compile(
            "\\b(?:hiring|recruiting|looking for|seeking)\\s+(?:an?\\s+|our next\\s+)?(\\p{Lu}[^.,;:!?]{2,60}?)"
                    + "(?=\\s+(?:to|who|with|for|in|at|on|and)\\b|[.,;:!?]|$)");

    private final Vocabulary skills;
    private final Vocabulary titles;

    JobReader(Vocabulary skills, Vocabulary titles) {
        this.skills = skills;
        this.titles = titles;
    }

    JobRequirements read(String jobDescription) {
        Text text = Text.of(SELF_INTRODUCTION.matcher(jobDescription).replaceAll(""));
        String titleText = titleText(text);
        if (titleText.isEmpty()) {
            Matcher hiring = HIRING.matcher(jobDescription);
            titleText = hiring.find() ? hiring.group(1).strip() : firstSentenceTitle(text);
        }
        boolean[] preferredLine = preferredLines(text);

        Map<Term, Integer> requiredCounts = new LinkedHashMap<>();
        Map<Term, Integer> preferredCounts = new LinkedHashMap<>();
        for (Vocabulary.Mention mention : skills.mentions(text)) {
            (preferredLine[mention.line()] ? preferredCounts : requiredCounts).merge(mention.term(), 1, Integer::sum);
        }
        // A skill required anywhere is required; a posting that only "prefers" still needs something.
        preferredCounts.keySet().removeAll(requiredCounts.keySet());
        if (requiredCounts.isEmpty()) {
            requiredCounts.putAll(preferredCounts);
            preferredCounts.clear();
        }
        RequirementReader.Read stated = RequirementReader.read(jobDescription);
        OptionalDouble years = stated.years().isPresent() ? stated.years() : yearsAsked(text, preferredLine);
        return new JobRequirements(title(text), weights(requiredCounts), weights(preferredCounts), years,
                titleText, items(text, preferredLine), stated.requirements(),
                stated.years().isPresent() ? stated.yearsClause() : "", statedSkills(stated.requirements(), text));
    }

    /**
     * The known skills the stated requirements name, by their canonical names, and those a one-line
     * posting's title names: "Java developer: Spring Boot, Kafka" asks for Java too.
     */
    private java.util.Set<String> statedSkills(List<StatedRequirement> stated, Text text) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        int first = firstContentLine(text);
        RequirementReader.TitledList titled = first < 0 ? null : RequirementReader.titledList(text.line(first));
        if (titled != null && !stated.isEmpty()) {
            skills.find(titled.title()).forEach(mention -> names.add(mention.term().name()));
        }
        for (StatedRequirement requirement : stated) {
            skills.find(requirement.clause()).forEach(mention -> names.add(mention.term().name()));
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * Each line under a requirements heading is required, under a preferred heading (or
     * calling itself a plus) preferred; other lines with enough words are duties. Headings and
     * the title line are left out; a first line too long to be a title (a posting written as
     * one paragraph) is content.
     */
    private static List<Requirement> items(Text text, boolean[] preferredLine) {
        List<Requirement> items = new ArrayList<>();
        Requirement.Kind section = Requirement.Kind.DUTY;
        int titleLine = firstContentLine(text);
        if (titleLine >= 0 && text.line(titleLine).strip().length() > MAX_TITLE_CHARS) {
            titleLine = -1;
        }
        for (int line = 0; line < text.lineCount() && items.size() < MAX_ITEMS; line++) {
            String content = text.line(line).strip();
            if (content.length() < 60 && REQUIRED_HEADING.matcher(content).matches()) {
                section = Requirement.Kind.REQUIRED;
                continue;
            }
            if (content.length() < 60 && (PREFERRED_HEADING.matcher(content).matches() || OTHER_HEADING.matcher(content).matches())) {
                section = Requirement.Kind.DUTY;
                continue;
            }
            RequirementReader.TitledList titled = line == firstContentLine(text) ? RequirementReader.titledList(content) : null;
            if (titled != null) {
                // A one-line posting, "Java developer: Spring Boot, PostgreSQL, Kafka": its list is required.
                List<String> terms = TermStatistics.terms(Tokens.of(titled.list()));
                if (terms.stream().filter(t -> t.indexOf('_') < 0).count() >= 2) {
                    items.add(new Requirement(preferredLine[line] ? Requirement.Kind.PREFERRED : Requirement.Kind.REQUIRED,
                            titled.list(), List.copyOf(terms)));
                }
                continue;
            }
            List<String> terms = TermStatistics.terms(text.tokens(line));
            if (line == titleLine || terms.stream().filter(t -> t.indexOf('_') < 0).count() < 2) {
                continue;
            }
            Requirement.Kind kind = preferredLine[line] ? Requirement.Kind.PREFERRED : section;
            items.add(new Requirement(kind, BULLET.matcher(content).replaceFirst(""), List.copyOf(terms)));
        }
        return items;
    }

    /** The posting's own words for the job: a "Title:" field, else its first line when short. */
    private static String titleText(Text text) {
        for (int line = 0; line < text.lineCount(); line++) {
            Matcher field = TITLE_FIELD.matcher(text.line(line));
            if (field.matches()) {
                return field.group(1).strip();
            }
        }
        int first = firstContentLine(text);
        if (first < 0) {
            return "";
        }
        RequirementReader.TitledList titled = RequirementReader.titledList(text.line(first));
        if (titled != null) {
            return titled.title();
        }
        return text.line(first).strip().length() <= MAX_TITLE_CHARS ? text.line(first).strip() : "";
    }

    /** A posting written as one paragraph that opens with its title: "Critical Care Registered Nurse. We need…". */
    private static String firstSentenceTitle(Text text) {
        int first = firstContentLine(text);
        if (first < 0) {
            return "";
        }
        String line = text.line(first).strip();
        int end = line.indexOf(". ");
        String sentence = end > 0 ? line.substring(0, end) : "";
        return !sentence.isEmpty() && sentence.split("\\s+").length <= 6 && Character.isUpperCase(sentence.charAt(0))
                && !sentence.contains(",") ? sentence : "";
    }

    private static int firstContentLine(Text text) {
        for (int line = 0; line < text.lineCount(); line++) {
            if (!text.line(line).isBlank()) {
                return line;
            }
        }
        return -1;
    }

    /** Lines under a "preferred" heading, and lines that call their own content a plus. */
    private static boolean[] preferredLines(Text text) {
        boolean[] preferred = new boolean[text.lineCount()];
        boolean inPreferredSection = false;
        for (int line = 0; line < text.lineCount(); line++) {
            String content = text.line(line);
            if (content.length() < 60 && PREFERRED_HEADING.matcher(content).matches()) {
                inPreferredSection = true;
            } else if (content.length() < 60 && OTHER_HEADING.matcher(content).matches()) {
                inPreferredSection = false;
            }
            preferred[line] = inPreferredSection || (content.length() < 400 && PREFERRED_LINE.matcher(content).find());
        }
        return preferred;
    }

    private static Map<Term, Double> weights(Map<Term, Integer> counts) {
        Map<Term, Double> weights = new LinkedHashMap<>();
        counts.forEach((term, count) -> weights.put(term, 1 + Math.log(count)));
        return weights;
    }

    /** The title a "Title:" line or one of the first lines names; else the title the posting names most. */
    private Optional<Term> title(Text text) {
        for (int line = 0; line < text.lineCount(); line++) {
            Matcher field = TITLE_FIELD.matcher(text.line(line));
            if (field.matches()) {
                Optional<Term> named = titles.find(field.group(1)).stream().findFirst().map(Vocabulary.Mention::term);
                if (named.isPresent()) {
                    return named;
                }
            }
        }
        Map<Term, Integer> counts = new HashMap<>();
        Set<Term> nearTop = new HashSet<>();
        for (Vocabulary.Mention mention : titles.mentions(text)) {
            counts.merge(mention.term(), 1, Integer::sum);
            if (mention.line() < TITLE_SEARCH_LINES && nearTop.isEmpty()) {
                nearTop.add(mention.term());
            }
        }
        if (!nearTop.isEmpty()) {
            return nearTop.stream().findFirst();
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<Term, Integer>comparingByValue().thenComparing(e -> e.getKey().name(),
                        java.util.Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }

    /**
     * The years a required (not merely preferred) line asks for: "5+ years", "3-5 years of
     * experience", "4 years in a busy kitchen". A bare "10 years" (the company's age, a
     * contract's length) is not asked of the candidate.
     */
    private static OptionalDouble yearsAsked(Text text, boolean[] preferredLine) {
        for (int line = 0; line < text.lineCount(); line++) {
            if (preferredLine[line]) {
                continue;
            }
            Matcher years = YEARS.matcher(text.line(line));
            while (years.find()) {
                String after = text.line(line).substring(years.end()).toLowerCase(Locale.ROOT);
                String before = text.line(line).substring(Math.max(0, years.start() - 30), years.start()).toLowerCase(Locale.ROOT);
                boolean aboutExperience = years.group().contains("+") || years.group().toLowerCase(Locale.ROOT).contains("plus")
                        || (AFTER_YEARS_ASKED.matcher(after).lookingAt() && !SPAN_BEFORE.matcher(before).find())
                        || after.contains("experience")
                        || before.contains("minimum") || before.contains("at least") || before.contains("experience");
                int asked = Integer.parseInt(years.group(1));
                if (aboutExperience && asked > 0 && asked <= MAX_YEARS_ASKED) {
                    return OptionalDouble.of(asked);
                }
            }
        }
        return OptionalDouble.empty();
    }

}
