package dev.shortlist.llm.local;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tailors a resume to a job without inventing anything: the lines that show what the job
 * asks move to the top of their lists, the skills the job asks for are emphasised where
 * the resume names them, and a skills section leads with the asked skills the resume
 * evidences. Skills it does not show are returned as suggestions, never written in.
 */
public final class ResumeTailor {

    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•·▪►●◦‣]|â¢|\\d{1,2}[.)])\\s*");
    /** Sections in the order a recruiter reads them: what the candidate offers first. */
    private static final List<Section> ORDER = List.of(Section.SUMMARY, Section.SKILLS, Section.EXPERIENCE,
            Section.PROJECTS, Section.CERTIFICATIONS, Section.EDUCATION, Section.OTHER);
    private static final Set<Section> REORDERED = Set.of(Section.EXPERIENCE, Section.PROJECTS, Section.SUMMARY);

    private final LocalScorer scorer;
    private final Vocabulary skills;

    public ResumeTailor(LocalScorer scorer, Vocabulary skills) {
        this.scorer = scorer;
        this.skills = skills;
    }

    public TailoredResume tailor(String resume, String jobDescription, YearMonth today) {
        return tailor(resume, scorer.job(jobDescription), today);
    }

    /** Tailors to a job description read before (a stored posting). */
    public TailoredResume tailor(String resume, LocalScorer.Job job, YearMonth today) {
        ParsedResume parsed = scorer.read(resume, today);
        ScoreReport before = scorer.score(parsed, job);
        Set<Term> asked = new LinkedHashSet<>(job.requirements().required().keySet());
        asked.addAll(job.requirements().preferred().keySet());

        List<String> changes = new ArrayList<>();
        StringBuilder markdown = new StringBuilder();
        Map<Section, List<Integer>> sections = parsed.linesBySection();
        Text text = parsed.text();
        int[] moved = {0};
        Set<String> emphasised = new LinkedHashSet<>();

        writeHeader(markdown, text, sections.getOrDefault(Section.HEADER, List.of()));
        List<Term> shownAndAsked = asked.stream().filter(parsed::shows).toList();
        for (Section section : ORDER) {
            List<Integer> lines = withoutHeading(text, sections.getOrDefault(section, List.of()));
            if (section == Section.SKILLS) {
                List<Term> others = lines.isEmpty()
                        ? parsed.skills().stream().filter(skill -> !asked.contains(skill)).toList() : List.of();
                if (!shownAndAsked.isEmpty() || !others.isEmpty() || !lines.isEmpty()) {
                    writeSkills(markdown, shownAndAsked, others);
                }
            } else if (!lines.isEmpty()) {
                markdown.append("\n## ").append(heading(section)).append("\n\n");
            }
            if (REORDERED.contains(section)) {
                lines = relevantFirst(text, lines, new LineRelevance(skills, asked, job.query()), moved);
            }
            for (int line : lines) {
                String content = text.line(line).strip();
                if (!content.isEmpty()) {
                    markdown.append(markdownLine(emphasise(content, asked, emphasised))).append('\n');
                }
            }
        }

        Set<Term> listedBefore = skillsListedInSkillsSection(parsed);
        List<String> surfaced = shownAndAsked.stream().filter(skill -> !listedBefore.contains(skill)).map(Term::name).toList();
        if (!shownAndAsked.isEmpty()) {
            changes.add("Skills section leads with the " + shownAndAsked.size() + " skills the job asks for that the resume shows");
        }
        if (!surfaced.isEmpty()) {
            changes.add("Listed skills the resume shows in its experience but not in its skills: " + String.join(", ", surfaced));
        }
        if (moved[0] > 0) {
            changes.add("Moved " + moved[0] + (moved[0] == 1 ? " line" : " lines")
                    + " that show the job's skills or terms to the top of their section");
        }
        if (!emphasised.isEmpty()) {
            changes.add("Emphasised " + String.join(", ", emphasised) + " where the resume names them");
        }
        List<String> missing = asked.stream().filter(skill -> !parsed.shows(skill)).map(Term::name).toList();
        List<String> suggestions = missing.stream()
                .map(skill -> "The job asks for " + skill + ": add it only if you have used it, with where and how")
                .toList();
        String tailored = markdown.toString().strip() + "\n";
        ScoreReport after = scorer.score(scorer.read(tailored, today), job);
        String summary = "Tailored for the job: " + changes.size() + " changes, ATS score " + before.score() + " → "
                + after.score() + "; " + missing.size() + " asked skills not in the resume were left out and suggested.";
        return new TailoredResume(tailored, changes, surfaced, missing, suggestions, before.score(), after.score(), summary);
    }

    /** The first line as the name heading, the rest of the header as contact lines. */
    private static void writeHeader(StringBuilder markdown, Text text, List<Integer> lines) {
        boolean named = false;
        for (int line : lines) {
            String content = text.line(line).strip();
            if (content.isEmpty()) {
                continue;
            }
            if (!named && content.length() <= 60) {
                markdown.append("# ").append(content).append("\n\n");
            } else {
                markdown.append(content).append("  \n");
            }
            named = true;
        }
    }

    /** The asked skills the resume shows first; the resume's own skills lines follow, or, without any, its other skills. */
    private static void writeSkills(StringBuilder markdown, List<Term> asked, List<Term> others) {
        markdown.append("\n## Skills\n\n");
        if (!asked.isEmpty()) {
            markdown.append("- **For this role:** ").append(names(asked)).append('\n');
        }
        if (!others.isEmpty()) {
            markdown.append("- **Also:** ").append(names(others)).append('\n');
        }
        markdown.append('\n'); // the resume's own skills lines follow as their own paragraph
    }

    private static String names(List<Term> terms) {
        return String.join(", ", terms.stream().map(Term::name).toList());
    }

    /**
     * Runs of consecutive bullets, each sorted most relevant first (stable, so equally
     * relevant bullets keep their order); the other lines stay where they are.
     */
    private static List<Integer> relevantFirst(Text text, List<Integer> lines, LineRelevance relevance, int[] moved) {
        List<Integer> ordered = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (int line : lines) {
            if (BULLET.matcher(text.line(line)).find()) {
                run.add(line);
            } else {
                flushRun(text, run, ordered, relevance, moved);
                ordered.add(line);
            }
        }
        flushRun(text, run, ordered, relevance, moved);
        return ordered;
    }

    private static void flushRun(Text text, List<Integer> run, List<Integer> ordered, LineRelevance relevance, int[] moved) {
        List<Integer> sorted = new ArrayList<>(run);
        sorted.sort(Comparator.comparingDouble((Integer line) -> -relevance.of(text.line(line))));
        for (int i = 0; i < sorted.size(); i++) {
            if (!sorted.get(i).equals(run.get(i)) && i < run.indexOf(sorted.get(i))) {
                moved[0]++;
            }
        }
        ordered.addAll(sorted);
        run.clear();
    }

    /** Bolds the asked skills where the line names them. */
    private String emphasise(String line, Set<Term> asked, Set<String> emphasised) {
        List<Vocabulary.Located> found = skills.locate(line).stream().filter(l -> asked.contains(l.term())).toList();
        if (found.isEmpty()) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Vocabulary.Located located : found) {
            out.append(line, at, located.start()).append("**").append(line, located.start(), located.end()).append("**");
            at = located.end();
            emphasised.add(located.term().name());
        }
        return out.append(line.substring(at)).toString();
    }

    private static String markdownLine(String line) {
        var bullet = BULLET.matcher(line);
        if (bullet.find()) {
            return "- " + line.substring(bullet.end());
        }
        // A line of the resume that happens to start like Markdown markup stays text.
        return (line.startsWith("#") || line.startsWith(">") ? "\\" + line : line) + "  ";
    }

    private static List<Integer> withoutHeading(Text text, List<Integer> lines) {
        if (!lines.isEmpty() && Section.heading(text.line(lines.get(0))).isPresent()) {
            return lines.subList(1, lines.size());
        }
        return lines;
    }

    private Set<Term> skillsListedInSkillsSection(ParsedResume parsed) {
        Set<Term> listed = new LinkedHashSet<>();
        Map<Section, List<Integer>> sections = parsed.linesBySection();
        for (int line : sections.getOrDefault(Section.SKILLS, List.of())) {
            skills.locate(parsed.text().line(line)).forEach(l -> listed.add(l.term()));
        }
        return listed;
    }

    private static String heading(Section section) {
        return switch (section) {
            case SUMMARY -> "Summary";
            case EXPERIENCE -> "Experience";
            case EDUCATION -> "Education";
            case PROJECTS -> "Projects";
            case CERTIFICATIONS -> "Certifications";
            case SKILLS -> "Skills";
            case HEADER, OTHER -> "Other";
        };
    }
}
