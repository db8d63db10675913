package dev.shortlist.llm.local;

import dev.shortlist.security.PiiRedactor;
import dev.shortlist.security.Redaction;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns resume text into a {@link ParsedResume}: sections, skills with evidence, titles, years.
 * Who the candidate is (name, contacts, pronouns, age, graduation years: {@link PiiRedactor})
 * is set aside before anything is read for the score; only the years of experience are read
 * from the resume as written, as they come from employment dates.
 */
final class ResumeReader {

    /** Sections whose lines describe work done, the best evidence of a skill. */
    private static final List<Section> WORK = List.of(Section.EXPERIENCE, Section.PROJECTS, Section.SUMMARY);

    /** A line that is only a title outweighs any number of passing mentions further down. */
    private static final int HEADLINE_LINE_WEIGHT = 10;
    private static final int HEADLINE_WEIGHT = 3;

    private final Vocabulary skills;
    private final Vocabulary titles;
    private final Implications implications;
    private final PiiRedactor identity = new PiiRedactor();

    ResumeReader(Vocabulary skills, Vocabulary titles) {
        this.skills = skills;
        this.titles = titles;
        this.implications = new Implications(skills);
    }

    ParsedResume read(String resume, YearMonth today) {
        String written = withHeadingsOnTheirOwnLines(resume);
        Redaction found = identity.redact(written);
        // Only the version that is scored is split into tokens.
        Text asWritten = found.isEmpty() ? Text.of(written) : Text.linesOf(written);
        Text text = found.isEmpty() ? asWritten : asWritten.alongside(found.setAside());
        Section[] sectionOf = sections(text);

        Map<Term, Integer> evidence = new LinkedHashMap<>();
        Map<Term, Integer> mentions = new HashMap<>();
        for (Vocabulary.Mention mention : skills.mentions(text)) {
            mentions.merge(mention.term(), 1, Integer::sum);
            Integer best = evidence.get(mention.term());
            if (best == null || (!WORK.contains(sectionOf[best]) && WORK.contains(sectionOf[mention.line()]))) {
                evidence.put(mention.term(), mention.line());
            }
        }

        addImplied(evidence, mentions);

        Map<Term, Integer> titleWeight = new LinkedHashMap<>();
        for (int line = 0; line < text.lineCount(); line++) {
            // A line that is nothing but a title is a headline, wherever it stands (not in a list of skills).
            Optional<Term> headline = text.line(line).length() <= 60 && sectionOf[line] != Section.SKILLS
                    ? titles.lookup(text.line(line)) : Optional.empty();
            headline.ifPresent(title -> titleWeight.merge(title, HEADLINE_LINE_WEIGHT, Integer::sum));
        }
        for (Vocabulary.Mention mention : titles.mentions(text)) {
            int weight = titleWeight(sectionOf[mention.line()]);
            if (weight > 0) {
                titleWeight.merge(mention.term(), weight, Integer::sum);
            }
        }
        List<Term> titlesByWeight = titleWeight.entrySet().stream()
                .sorted(Map.Entry.<Term, Integer>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .toList();
        return new ParsedResume(asWritten, text, sectionOf, evidence, mentions, titlesByWeight,
                YearsOfExperience.of(workLines(asWritten, sectionOf), today));
    }

    /** The lines outside the education section, as written: employment dates, stated years. */
    private static List<String> workLines(Text text, Section[] sectionOf) {
        List<String> workLines = new ArrayList<>();
        for (int line = 0; line < text.lineCount(); line++) {
            if (sectionOf[line] != Section.EDUCATION) {
                workLines.add(text.line(line));
            }
        }
        return workLines;
    }

    /**
     * Skills the shown ones imply (Spring Boot shows Spring and Java), evidenced by the
     * line of the skill that implies them, followed through chains (Spring Boot, Spring, Java).
     */
    private void addImplied(Map<Term, Integer> evidence, Map<Term, Integer> mentions) {
        ArrayDeque<Term> pending = new ArrayDeque<>(evidence.keySet());
        while (!pending.isEmpty()) {
            Term shown = pending.poll();
            for (Term implied : implications.of(shown)) {
                if (!evidence.containsKey(implied)) {
                    evidence.put(implied, evidence.get(shown));
                    mentions.put(implied, 1);
                    pending.add(implied);
                }
            }
        }
    }

    /** A title near the top says more than one deep in a job list; a title inside education is a degree. */
    private static int titleWeight(Section section) {
        return switch (section) {
            case HEADER, SUMMARY -> HEADLINE_WEIGHT;
            case EDUCATION -> 0;
            default -> 1;
        };
    }

    /** Each line's section: HEADER until the first heading, then the section of the last heading. */
    static Section[] sections(Text text) {
        Section[] sectionOf = new Section[text.lineCount()];
        Section current = Section.HEADER;
        for (int line = 0; line < text.lineCount(); line++) {
            String content = text.line(line);
            Optional<Section> heading = Section.heading(content).or(() -> Section.headingWithContent(content));
            if (heading.isPresent()) {
                current = heading.get();
            }
            sectionOf[line] = current;
        }
        return sectionOf;
    }

    /** Splits "...SPSSEducation Details" into two lines, so the heading is seen. */
    private static String withHeadingsOnTheirOwnLines(String resume) {
        StringBuilder out = new StringBuilder(resume.length() + 16);
        for (String line : resume.split("\r?\n|\r", -1)) {
            int glued = Section.gluedHeadingStart(line);
            if (glued > 0 && !line.substring(0, glued).isBlank()) {
                out.append(line, 0, glued).append('\n').append(line.substring(glued));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
