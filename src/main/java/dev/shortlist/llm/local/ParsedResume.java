package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine reads in a resume: its lines by section, the skills it mentions (with
 * the line that best evidences each), the job titles it names, and its years of experience.
 */
public final class ParsedResume {

    private final Text text;
    private final Section[] sectionOfLine;
    private final Map<Term, Integer> evidenceLine;
    private final Map<Term, Integer> skillMentions;
    private final List<Term> titles;
    private final double years;

    ParsedResume(Text text, Section[] sectionOfLine, Map<Term, Integer> evidenceLine, Map<Term, Integer> skillMentions,
            List<Term> titles, double years) {
        this.text = text;
        this.sectionOfLine = sectionOfLine;
        this.evidenceLine = evidenceLine;
        this.skillMentions = skillMentions;
        this.titles = titles;
        this.years = years;
    }

    private List<Set<String>> lineTerms;

    /** Each line's BM25 terms (stems and stem pairs), read once per resume. */
    List<Set<String>> lineTerms() {
        if (lineTerms == null) {
            List<Set<String>> terms = new ArrayList<>(text.lineCount());
            for (int line = 0; line < text.lineCount(); line++) {
                terms.add(Set.copyOf(TermStatistics.terms(text.tokens(line))));
            }
            lineTerms = terms;
        }
        return lineTerms;
    }

    public Text text() {
        return text;
    }

    public Section section(int line) {
        return sectionOfLine[line];
    }

    /** The skills shown, in order of first mention. */
    public List<Term> skills() {
        return new ArrayList<>(evidenceLine.keySet());
    }

    public boolean shows(Term skill) {
        return evidenceLine.containsKey(skill);
    }

    /** The line that evidences a skill best: a line of work done rather than a bare skills list. */
    public int evidenceLine(Term skill) {
        return evidenceLine.getOrDefault(skill, -1);
    }

    public int mentions(Term skill) {
        return skillMentions.getOrDefault(skill, 0);
    }

    /** Job titles named outside the education section, most prominent first. */
    public List<Term> titles() {
        return titles;
    }

    public double yearsOfExperience() {
        return years;
    }

    /** The lines of each section, in order, headings left out. */
    public Map<Section, List<Integer>> linesBySection() {
        Map<Section, List<Integer>> bySection = new LinkedHashMap<>();
        for (int line = 0; line < sectionOfLine.length; line++) {
            bySection.computeIfAbsent(sectionOfLine[line], s -> new ArrayList<>()).add(line);
        }
        return bySection;
    }
}
