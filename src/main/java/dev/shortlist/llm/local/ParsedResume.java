package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the engine reads in a resume: its lines by section, the skills it mentions (with
 * the line that best evidences each), the job titles it names, and its years of experience.
 * It keeps the resume as written, to quote and rewrite, and the same lines with who the
 * candidate is set aside, which is all that is scored.
 */
public final class ParsedResume {

    private final Text text;
    private final Text scored;
    private final Section[] sectionOfLine;
    private final Map<Term, Integer> evidenceLine;
    private final Map<Term, Integer> skillMentions;
    private final List<Term> titles;
    private final double years;

    ParsedResume(Text text, Text scored, Section[] sectionOfLine, Map<Term, Integer> evidenceLine,
            Map<Term, Integer> skillMentions, List<Term> titles, double years) {
        this.text = text.linesOnly();
        this.scored = scored == text ? this.text : scored.linesOnly();
        this.sectionOfLine = sectionOfLine;
        this.evidenceLine = evidenceLine;
        this.skillMentions = skillMentions;
        this.titles = titles;
        this.years = years;
        this.termLines = index(scored);
        this.tokenCount = scored.tokenCount();
    }

    /** A BM25 term of the resume (a stem or stem pair): how often it occurs and the lines it is on, in order. */
    record TermLines(int count, int[] lines) {
    }

    private final Map<String, TermLines> termLines;
    private final int tokenCount;
    private final Kept<float[]> head = new Kept<>();
    private final Kept<float[]> ownTitleVector = new Kept<>();
    private final Kept<Map<String, Double>> fields = new Kept<>();
    private final Kept<Map<String, int[]>> wordLines = new Kept<>();

    /**
     * A value computed from this reading on first use and kept with it, for the next job it is
     * scored against. Two threads may both compute it: they get the same value either way.
     */
    private static final class Kept<T> {
        private volatile T value;

        T get(Supplier<T> compute) {
            T kept = value;
            if (kept == null) {
                kept = compute.get();
                value = kept;
            }
            return kept;
        }
    }

    /**
     * The resume's BM25 terms, read once: a reading is kept and scored against many job
     * descriptions, so each job looks terms up instead of re-splitting and re-stemming lines.
     */
    Map<String, TermLines> termLines() {
        return termLines;
    }

    /** The resume's length in tokens, for BM25's length discount. */
    int tokenCount() {
        return tokenCount;
    }

    private static Map<String, TermLines> index(Text text) {
        Map<String, List<Integer>> lines = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int line = 0; line < text.lineCount(); line++) {
            for (String term : TermStatistics.terms(text.tokens(line))) {
                counts.merge(term, 1, Integer::sum);
                List<Integer> on = lines.computeIfAbsent(term, t -> new ArrayList<>(2));
                if (on.isEmpty() || on.get(on.size() - 1) != line) {
                    on.add(line);
                }
            }
        }
        Map<String, TermLines> index = new HashMap<>(lines.size() * 2);
        lines.forEach((term, on) -> index.put(term,
                new TermLines(counts.get(term), on.stream().mapToInt(Integer::intValue).toArray())));
        return index;
    }

    /** The resume's embedding ({@link SentenceEmbedder#resume}): computed on first use, then kept with the reading. */
    float[] head(Supplier<float[]> embed) {
        return head.get(embed);
    }

    /** The embedding of the resume's own headline, kept like {@link #head}. */
    float[] ownTitleVector(Supplier<float[]> embed) {
        return ownTitleVector.get(embed);
    }

    /** The resume's words by line, as requirements are matched ({@link RequirementEvidence#index}): built on first use, then kept. */
    Map<String, int[]> wordLines() {
        return wordLines.get(() -> RequirementEvidence.index(text));
    }

    /** The resume's skills by field ({@link DomainFit#ofResume}), kept like {@link #head}. */
    Map<String, Double> fields(Supplier<Map<String, Double>> compute) {
        return fields.get(() -> Collections.unmodifiableMap(compute.get()));
    }

    /** The experience section's lines, where resumes put their latest role first; empty when none is marked. */
    String experience(int maxChars) {
        StringBuilder work = new StringBuilder();
        for (int line = 0; line < sectionOfLine.length && work.length() < maxChars; line++) {
            if (sectionOfLine[line] == Section.EXPERIENCE) {
                work.append(scored.line(line)).append('\n');
            }
        }
        return work.toString();
    }

    /** The resume as written: what evidence quotes and a tailored resume are made of. */
    public Text text() {
        return text;
    }

    /** The same lines with who the candidate is set aside: what the score reads. */
    public Text scored() {
        return scored;
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
