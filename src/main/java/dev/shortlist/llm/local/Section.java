package dev.shortlist.llm.local;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a resume, recognised by their headings. */
public enum Section {
    HEADER("header"),
    SUMMARY("summary", "profile", "professional summary", "career summary", "profile summary", "professional profile",
            "executive summary", "objective", "career objective", "about me", "about", "personal statement", "overview"),
    EXPERIENCE("experience", "work experience", "professional experience", "employment history", "work history",
            "career history", "employment", "company details", "experience details", "relevant experience",
            "professional background", "internships", "internship"),
    EDUCATION("education", "education details", "educational qualification", "educational qualifications",
            "academic qualification", "academic qualifications", "academics", "academic background",
            "educational background", "qualifications"),
    SKILLS("skills", "technical skills", "key skills", "skill details", "core competencies", "competencies",
            "it skills", "skill set", "skillset", "technical expertise", "areas of expertise", "expertise",
            "computer skills", "software skills", "tools", "technologies", "core skills", "professional skills",
            "technical proficiency", "key competencies", "soft skills"),
    PROJECTS("projects", "project details", "key projects", "academic projects", "personal projects",
            "project experience", "major projects", "project"),
    CERTIFICATIONS("certifications", "certification", "certificates", "licenses", "licenses and certifications",
            "courses", "training", "trainings", "awards", "achievements", "honors", "publications"),
    OTHER("other", "languages", "interests", "hobbies", "personal details", "personal information", "references",
            "declaration", "extra curricular activities", "activities", "volunteering");

    private final String label;
    private final List<String> headings;

    Section(String label, String... headings) {
        this.label = label;
        this.headings = List.of(headings);
    }

    public String label() {
        return label;
    }

    private static final Map<String, Section> BY_HEADING = byHeading();
    /** A heading alone on its line, in any case, maybe numbered, bulleted or followed by a colon. */
    private static final Pattern HEADING_LINE = Pattern.compile("^[\\s\\p{Punct}\\d•·▪►●\\-]*([\\p{L} &/]{3,40}?)\\s*[:\\-–]?\\s*$");
    /** "Skills: Java, SQL" — a heading that opens its own line's content. */
    private static final Pattern HEADING_COLON = Pattern.compile("^[\\s•·▪►●\\-]*([\\p{L} &/]{3,40}?)\\s*:\\s*(\\S.*)$");

    private static Map<String, Section> byHeading() {
        Map<String, Section> map = new java.util.HashMap<>();
        for (Section section : values()) {
            if (section != HEADER && section != OTHER) {
                map.put(section.label, section);
            }
            for (String heading : section.headings) {
                map.put(heading, section);
            }
        }
        return map;
    }

    /** The section a whole line announces, if the line is a heading. */
    static Optional<Section> heading(String line) {
        if (line.length() > 48) {
            return Optional.empty();
        }
        Matcher matcher = HEADING_LINE.matcher(line);
        return matcher.matches() ? named(matcher.group(1)) : Optional.empty();
    }

    /** The section a "Heading: content" line opens, if it opens one. */
    static Optional<Section> headingWithContent(String line) {
        int colon = line.indexOf(':');
        if (colon < 3 || colon > 45) {
            return Optional.empty();
        }
        Matcher matcher = HEADING_COLON.matcher(line);
        return matcher.lookingAt() ? named(matcher.group(1)) : Optional.empty();
    }

    static Optional<Section> named(String words) {
        String key = words.strip().toLowerCase(Locale.ROOT).replace('&', ' ').replaceAll("\\s+", " ");
        return Optional.ofNullable(BY_HEADING.get(key)).filter(section -> section != HEADER);
    }

    /**
     * Where a multi-word heading ends a line that text extraction glued it to
     * ("...SPSSEducation Details"), the offset it starts at; -1 when there is none.
     */
    static int gluedHeadingStart(String line) {
        String trimmed = line.stripTrailing();
        if (trimmed.isEmpty() || !Character.isLetter(trimmed.charAt(trimmed.length() - 1))) {
            return -1;
        }
        for (String heading : MULTI_WORD_HEADINGS) {
            int start = trimmed.length() - heading.length();
            if (start > 0 && trimmed.regionMatches(true, start, heading, 0, heading.length())) {
                return start;
            }
        }
        return -1;
    }

    private static final List<String> MULTI_WORD_HEADINGS = BY_HEADING.keySet().stream()
            .filter(heading -> heading.indexOf(' ') > 0).sorted().toList();
}
