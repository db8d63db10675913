package dev.shortlist.llm.local;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Scores a resume against a job description without any model, as a recruiter would read
 * it: the required skills it shows, the preferred ones, whether its titles fit the job,
 * its years against those asked, and how much it speaks the posting's language. Every
 * component is reported with its weight, every matched skill with the line behind it.
 * Deterministic: the same texts (and month) give the same report.
 */
public final class LocalScorer {

    /**
     * The month "present" and "current" in a resume's date ranges mean, fixed per engine
     * version so that the same resume scores the same on any day. Moves with the next version.
     */
    public static final YearMonth REFERENCE_MONTH = YearMonth.of(2026, 12);

    private static final int QUOTE_MAX_CHARS = 240;
    private static final int TITLES_COMPARED = 3;
    private static final double SAME_FAMILY = 0.6;
    private static final double LESSER_TITLE = 0.7;

    /** Cosines of E5 between a posting and a resume head: below LOW nothing in common, from HIGH on a close fit. */
    private static final double SEMANTIC_LOW = 0.74;
    private static final double SEMANTIC_HIGH = 0.86;
    /** The same for two job titles. */
    private static final double TITLE_LOW = 0.78;
    private static final double TITLE_HIGH = 0.93;
    /** The share of a requirement's weighted terms a line must show to be quoted as its evidence. */
    private static final double EVIDENCE_SHARE = 0.34;
    private static final int MAX_REQUIREMENT_EVIDENCE = 8;
    private static final int TITLE_MAX_CHARS = 80;

    private final ResumeReader resumes;
    private final JobReader jobs;
    private final ScoringPolicy policy;
    private final SentenceEmbedder embedder;
    /** Resumes and job descriptions read before, by content: scoring one again skips the reading. */
    private final ContentCache<ParsedResume> resumeReadings;
    private final ContentCache<Job> jobReadings;

    /**
     * @param readings resumes kept read (and job descriptions, a tenth as many), so that a
     *                 pool scored against another job is not read again
     */
    public LocalScorer(Vocabulary skills, Vocabulary titles, ScoringPolicy policy, SentenceEmbedder embedder, int readings) {
        this.resumes = new ResumeReader(skills, titles);
        this.jobs = new JobReader(skills, titles);
        this.policy = policy;
        this.embedder = embedder;
        this.resumeReadings = new ContentCache<>(readings);
        this.jobReadings = new ContentCache<>(Math.max(1, readings / 10));
    }

    /** A scorer with the bundled vocabularies, default weights and its own caches. */
    public static LocalScorer withDefaults() {
        return withReadingsKept(ScoringPolicy.DEFAULT_READING_CACHE);
    }

    /** The same with as many resume readings kept (0: every resume read again). */
    public static LocalScorer withReadingsKept(int readings) {
        return new LocalScorer(Vocabulary.skills(), Vocabulary.titles(), ScoringPolicy.DEFAULT,
                new SentenceEmbedder(ScoringPolicy.DEFAULT_EMBEDDING_CACHE), readings);
    }

    public ScoreReport score(String resume, String jobDescription, YearMonth today) {
        return score(read(resume, today), job(jobDescription));
    }

    /** The resume read (sections, skills, titles, years, BM25 terms); the same text and month give the kept reading. */
    public ParsedResume read(String resume, YearMonth today) {
        return resumeReadings.get(ContentCache.key(today.toString(), resume), () -> resumes.read(resume, today));
    }

    /**
     * Reads a job description once: boilerplate (equal-opportunity lines, benefits, company
     * blurbs) stripped, requirements listed, BM25 terms weighed, and the posting, its title and
     * each requirement embedded.
     */
    public Job job(String jobDescription) {
        return jobReadings.get(ContentCache.key(jobDescription), () -> readJob(jobDescription));
    }

    private Job readJob(String jobDescription) {
        String body = Boilerplate.strip(jobDescription);
        if (body.isBlank()) {
            body = jobDescription;
        }
        JobRequirements requirements = jobs.read(body);
        List<float[]> itemVectors = requirements.items().stream().map(item -> embedder.query(item.text())).toList();
        String title = requirements.titleText().isEmpty() ? requirements.title().map(Term::name).orElse("") : requirements.titleText();
        Acronyms acronyms = Acronyms.bundled().with(body);
        return new Job(requirements, TextRelevance.query(Text.of(body)), embedder.query(body),
                title.isEmpty() ? new float[0] : embedder.query(acronyms.spelledOut(title)), itemVectors, acronyms);
    }

    /** A job description read once, to score many resumes against. */
    public record Job(JobRequirements requirements, Map<String, Double> query, float[] vector, float[] titleVector,
            List<float[]> itemVectors, Acronyms acronyms) {

        public Job(JobRequirements requirements, Map<String, Double> query, float[] vector, float[] titleVector,
                List<float[]> itemVectors) {
            this(requirements, query, vector, titleVector, itemVectors, Acronyms.bundled().with(
                    String.join("\n", requirements.stated().stream().map(StatedRequirement::clause).toList())));
        }
    }

    public ScoreReport score(ParsedResume resume, Job job) {
        return score(resume, job, policy);
    }

    /** The same under other weights (a caller's {@code options.weights}, see {@link ScoringPolicy#withWeights}). */
    public ScoreReport score(ParsedResume resume, Job job, ScoringPolicy policy) {
        JobRequirements asked = job.requirements();
        float[] head = resume.head(() -> embedder.resume(resume.scored().joined(), resume.experience(SentenceEmbedder.VIEW_CHARS)));
        String ownTitle = ownTitle(resume);
        List<ScoreReport.Component> components = new ArrayList<>();

        double semantic = SentenceEmbedder.cosine(job.vector(), head);
        components.add(component("semanticFit", policy.semanticFit(), head.length == 0 ? 0.0 : scale(semantic, SEMANTIC_LOW, SEMANTIC_HIGH),
                "meaning of the resume's opening (title, summary, skills) and latest work against the job description: cosine "
                        + String.format(Locale.ROOT, "%.3f", semantic)));

        RequirementCoverage.Result items = RequirementCoverage.of(resume, asked.items(), job.itemVectors(), head,
                TermStatistics.prior());
        components.add(component("requirementCoverage", policy.requirementCoverage(), asked.items().isEmpty() ? null : items.share(),
                asked.items().isEmpty() ? "the job description lists no requirements"
                        : items.met() + " of " + asked.items().size() + " requirements and duties shown"));

        Coverage required = coverage(resume, asked.required());
        Coverage preferred = coverage(resume, asked.preferred());
        components.add(component("requiredSkills", policy.requiredSkills(), asked.required().isEmpty() ? null : required.share(),
                asked.required().isEmpty() ? "the job description names no skills this engine knows"
                        : required.matched().size() + " of " + asked.required().size() + " required skills shown"));
        components.add(component("preferredSkills", policy.preferredSkills(), asked.preferred().isEmpty() ? null : preferred.share(),
                asked.preferred().isEmpty() ? "no preferred skills named"
                        : preferred.matched().size() + " of " + asked.preferred().size() + " preferred skills shown"));

        String resumeTitle = !resume.titles().isEmpty() ? resume.titles().get(0).name()
                : ownTitle.isEmpty() ? null : firstSentence(ownTitle);
        Double titleFit = titleFit(resume, asked, ownTitle, job.titleVector(), job.acronyms());
        components.add(component("titleFit", policy.titleFit(), titleFit, titleDetail(resume, asked, titleFit)));

        OptionalDouble yearsAsked = asked.years();
        double years = resume.yearsOfExperience();
        Double experience = yearsAsked.isPresent() ? Math.min(1, years / yearsAsked.getAsDouble()) : null;
        components.add(component("experience", policy.experience(), experience, yearsAsked.isPresent()
                ? ScoreWording.format(years) + " years shown, " + ScoreWording.format(yearsAsked.getAsDouble()) + " asked"
                        + (asked.yearsClause().isEmpty() ? "" : " (\u201c" + asked.yearsClause() + "\u201d)")
                : "no years asked; " + ScoreWording.format(years) + " years shown"));

        Map<String, Double> resumeFields = resume.fields(() -> DomainFit.ofResume(resume));
        Double domain = DomainFit.fit(DomainFit.ofJob(asked), resumeFields);
        components.add(component("domainFit", policy.domainFit(), domain, domain == null
                ? "no field-specific skills on one side" : "resume's skills by field: " + DomainFit.describe(resumeFields)));

        double relevance = Math.min(1, TextRelevance.score(job.query(), resume) / RELEVANCE_FOR_FULL_MARKS);
        components.add(component("textRelevance", policy.textRelevance(), relevance,
                "shares the job description's distinctive terms and phrases (BM25)"));

        int score = total(components);
        String recommendation = policy.recommendation(score);
        // Listed: the skills the stated requirements name; a skill only a duty mentions still counts in the score.
        Predicate<String> listed = name -> asked.stated().isEmpty() || asked.statedSkills().contains(name);
        List<String> matched = new ArrayList<>(required.matched().stream().filter(listed).toList());
        matched.addAll(preferred.matched().stream().filter(listed).toList());
        List<ScoreReport.RequirementResult> stated = stated(resume, job);
        List<String> strengths = ScoreWording.strengths(required, asked, titleFit, resumeTitle, years, yearsAsked, stated);
        List<String> gaps = ScoreWording.gaps(required, preferred, titleFit, asked, years, yearsAsked, stated);
        List<ScoreReport.Evidence> evidence = evidence(resume, asked);
        evidence.addAll(items.evidence().subList(0, Math.min(MAX_REQUIREMENT_EVIDENCE, items.evidence().size())));
        String jobTitle = asked.title().map(Term::name).orElse(asked.titleText().isEmpty() ? null : asked.titleText());
        evidence.removeIf(e -> !listed.test(e.skill()) && asked.required().keySet().stream().anyMatch(t -> t.name().equals(e.skill())));
        return new ScoreReport(score, recommendation, components, matched, required.missing().stream().filter(listed).toList(),
                preferred.missing().stream().filter(listed).toList(),
                evidence, strengths, gaps, ScoreWording.round(years),
                yearsAsked.isPresent() ? yearsAsked.getAsDouble() : null, resumeTitle, jobTitle,
                ScoreWording.summary(score, recommendation, required, preferred, stated, strengths, gaps), stated);
    }

    /** Every requirement the posting states, with the resume line that shows it or marked missing. */
    private List<ScoreReport.RequirementResult> stated(ParsedResume resume, Job job) {
        List<StatedRequirement> stated = job.requirements().stated();
        List<RequirementEvidence.Check> checks = RequirementEvidence.of(resume, stated, job.acronyms(), TermStatistics.prior(),
                embedder::passage, embedder::query);
        List<ScoreReport.RequirementResult> results = new ArrayList<>(checks.size());
        for (RequirementEvidence.Check check : checks) {
            boolean met = check.how() != RequirementEvidence.How.MISSING;
            results.add(new ScoreReport.RequirementResult(check.requirement().name(),
                    check.requirement().preferred() ? "preferred" : "required", met,
                    check.how().name().toLowerCase(Locale.ROOT),
                    met ? RequirementEvidence.quote(resume.text().line(check.line())) : null,
                    met ? resume.section(check.line()).label() : null));
        }
        return results;
    }

    /**
     * A relevance share (achieved ÷ best possible BM25) that already means a strong match: a
     * resume never repeats every term of a posting as often as saturation would reward.
     */
    private static final double RELEVANCE_FOR_FULL_MARKS = 0.5;

    record Coverage(List<String> matched, List<String> missing, double share) {
    }

    private static Coverage coverage(ParsedResume resume, Map<Term, Double> skills) {
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        double total = 0;
        double shown = 0;
        List<Map.Entry<Term, Double>> byWeight = skills.entrySet().stream()
                .sorted(Map.Entry.<Term, Double>comparingByValue().reversed()).toList();
        for (Map.Entry<Term, Double> skill : byWeight) {
            total += skill.getValue();
            if (resume.shows(skill.getKey())) {
                shown += skill.getValue();
                matched.add(skill.getKey().name());
            } else {
                missing.add(skill.getKey().name());
            }
        }
        return new Coverage(matched, missing, total == 0 ? 0 : shown / total);
    }

    /**
     * 1 when the resume's headline title is the job's, 0.6 when it is of the same family; a
     * title further down counts less. Null when either names no title the engine knows.
     */
    private Double titleFit(ParsedResume resume, JobRequirements asked, String ownTitle, float[] jobTitle, Acronyms acronyms) {
        Double known = knownTitleFit(resume, asked);
        if (ownTitle.isEmpty() || jobTitle.length == 0) {
            return known;
        }
        float[] own = resume.ownTitleVector(() -> embedder.query(Acronyms.bundled().spelledOut(ownTitle)));
        double similar = scale(SentenceEmbedder.cosine(own, jobTitle), TITLE_LOW, TITLE_HIGH);
        return known == null ? similar : Math.max(known, similar);
    }

    /**
     * The resume's own headline: its first line when it is short enough to be a title. Read
     * with who the candidate is set aside, so a name is never taken for a title and what
     * stands beside it is ("Emily Walsh — Accountant" reads "Accountant").
     */
    private static String ownTitle(ParsedResume resume) {
        Text text = resume.scored();
        for (int line = 0; line < text.lineCount(); line++) {
            String content = SEPARATORS_AROUND.matcher(text.line(line)).replaceAll("");
            if (!content.isEmpty()) {
                return content.length() <= TITLE_MAX_CHARS ? content : "";
            }
        }
        return "";
    }

    /**
     * The headline as a person reads it for a title: "Backend engineer. Built Spring Boot services." shows
     * "Backend engineer"; "Sr. Java Developer" stays whole. The title fit still weighs the whole headline.
     */
    private static String firstSentence(String headline) {
        java.util.regex.Matcher end = HEADLINE_SENTENCE_END.matcher(headline);
        String sentence = end.find() ? headline.substring(0, end.start()).strip() : headline;
        return sentence.isEmpty() ? headline : sentence;
    }

    /** A sentence's end in a headline: a stop before a capital or at the end, not an abbreviation's ("Sr.", "Dr."). */
    private static final Pattern HEADLINE_SENTENCE_END = Pattern.compile(
            "(?<!\\b\\p{Lu}\\p{Ll}{0,2})[.!?](?:\\s+(?=\\p{Lu})|\\s*$)");

    /** What is left around a name set aside: "  — Accountant", ", CPA". */
    private static final Pattern SEPARATORS_AROUND = Pattern.compile(
            "^[\\s|·•,;:/#*–—-]+|[\\s|·•,;:/#*–—-]+$");

    private static double scale(double value, double low, double high) {
        return Math.max(0, Math.min(1, (value - low) / (high - low)));
    }

    private static Double knownTitleFit(ParsedResume resume, JobRequirements asked) {
        if (asked.title().isEmpty() || resume.titles().isEmpty()) {
            return null;
        }
        Term wanted = asked.title().get();
        double best = 0;
        List<Term> titles = resume.titles();
        for (int rank = 0; rank < Math.min(TITLES_COMPARED, titles.size()); rank++) {
            double prominence = rank == 0 ? 1 : LESSER_TITLE;
            if (titles.get(rank).equals(wanted)) {
                best = Math.max(best, prominence);
            } else if (titles.get(rank).category().equals(wanted.category())) {
                best = Math.max(best, SAME_FAMILY * prominence);
            }
        }
        return best;
    }

    private static String titleDetail(ParsedResume resume, JobRequirements asked, Double fit) {
        String job = asked.titleText().isEmpty() ? asked.title().map(Term::name).orElse("") : asked.titleText();
        if (fit == null) {
            return job.isEmpty() ? "the job description names no title" : "the resume names no job title; the job is " + job;
        }
        String own = ownTitle(resume);
        return "resume: " + (own.isEmpty() ? resume.titles().get(0).name() : firstSentence(own)) + "; job: " + job;
    }

    private static ScoreReport.Component component(String name, double weight, Double share, String detail) {
        return new ScoreReport.Component(name, share == null ? null : (int) Math.round(100 * share),
                share == null ? 0 : weight, detail);
    }

    /** The weighted mean of the components that apply, their weights renormalised. */
    private static int total(List<ScoreReport.Component> components) {
        double weights = 0;
        double sum = 0;
        for (ScoreReport.Component component : components) {
            if (component.score() != null) {
                weights += component.weight();
                sum += component.weight() * component.score();
            }
        }
        return weights == 0 ? 0 : (int) Math.round(Math.max(0, Math.min(100, sum / weights)));
    }

    private static List<ScoreReport.Evidence> evidence(ParsedResume resume, JobRequirements asked) {
        List<ScoreReport.Evidence> evidence = new ArrayList<>();
        for (Map<Term, Double> skills : List.of(asked.required(), asked.preferred())) {
            for (Term skill : skills.keySet()) {
                int line = resume.evidenceLine(skill);
                if (line >= 0) {
                    evidence.add(new ScoreReport.Evidence(skill.name(), quote(resume.text().line(line)),
                            resume.section(line).label()));
                }
            }
        }
        return evidence;
    }

    private static String quote(String line) {
        String trimmed = line.strip();
        return trimmed.length() <= QUOTE_MAX_CHARS ? trimmed : trimmed.substring(0, QUOTE_MAX_CHARS - 1) + "…";
    }
}
