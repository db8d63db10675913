package dev.shortlist.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.Fixtures;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TailorAndGenerateTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);
    private final Vocabulary skills = Vocabulary.skills();
    private final LocalScorer scorer = LocalScorer.withDefaults();
    private final ResumeTailor tailor = new ResumeTailor(scorer, skills);
    private final ResumeWriter writer = new ResumeWriter(scorer, skills);

    private static final String RESUME = """
            Sam Lee
            sam@example.com

            Experience
            Software Engineer, Initech, 2018 - 2024
            - Organised the team's hiking trips
            - Wrote Python scripts for reporting
            - Built Java microservices with Spring and PostgreSQL

            Skills
            Python, Excel

            Education
            BSc Computer Science, 2014 - 2018
            """;

    private static final String JOB = """
            Java Developer
            Requirements: Java, Spring, PostgreSQL, Kafka and Kubernetes.
            """;

    @Test
    void tailoringNeverClaimsASkillTheResumeDoesNotShow() {
        for (Fixtures.Resume resume : Fixtures.resumes()) {
            // Against a job of another field and against one of its own, where most skills apply.
            for (String job : List.of(JobDescriptions.JAVA_DEVELOPER, Fixtures.job(resume.field()))) {
                TailoredResume tailored = tailor.tailor(resume.text(), job, NOW);

                assertThat(skillsIn(tailored.resumeMarkdown()))
                        .as("skills of the tailored %s/%s resume", resume.field(), resume.name())
                        .isSubsetOf(scorer.read(resume.text(), NOW).skills());
            }
        }
    }

    @Test
    void missingSkillsAreSuggestedNotWrittenIn() {
        TailoredResume tailored = tailor.tailor(RESUME, JOB, NOW);

        assertThat(tailored.missingKeywords()).contains("Kafka", "Kubernetes");
        assertThat(tailored.suggestions()).anyMatch(s -> s.contains("Kafka"));
        assertThat(tailored.resumeMarkdown()).doesNotContainIgnoringCase("kafka").doesNotContainIgnoringCase("kubernetes");
    }

    @Test
    void theLinesThatShowTheJobsSkillsComeFirstAndAreEmphasised() {
        TailoredResume tailored = tailor.tailor(RESUME, JOB, NOW);
        String markdown = tailored.resumeMarkdown();

        assertThat(markdown.indexOf("microservices")).isLessThan(markdown.indexOf("Python scripts"));
        assertThat(markdown).contains("**Java**", "**PostgreSQL**");
        assertThat(markdown).contains("# Sam Lee", "## Skills", "## Experience", "## Education");
        assertThat(markdown.indexOf("## Skills")).isLessThan(markdown.indexOf("## Experience"));
        assertThat(tailored.keywordsAdded()).contains("Java", "PostgreSQL");
        assertThat(tailored.changes()).isNotEmpty();
        assertThat(tailored.atsScoreAfter()).isGreaterThanOrEqualTo(tailored.atsScoreBefore());
    }

    @Test
    void aGeneratedResumeHoldsTheProfileOrderedForTheJob() throws Exception {
        JsonNode profile = new ObjectMapper().readTree("""
                {"name": "Ada Park", "headline": "Backend engineer",
                 "contact": {"email": "ada@example.com", "phone": "+1 555 0100", "location": "Berlin",
                             "links": ["https://github.com/ada"]},
                 "summary": "Engineer who likes boring, reliable systems.",
                 "skills": ["Excel", "Python", "Java", "PostgreSQL"],
                 "experience": [
                   {"title": "Software Engineer", "company": "Hooli", "start": "2020", "end": "2025",
                    "highlights": ["Ran the office book club", "Moved billing to Java and PostgreSQL"]}],
                 "education": [{"degree": "BSc Computer Science", "institution": "TU Berlin", "year": "2019"}]}
                """);

        GeneratedResume resume = writer.write(profile, JOB, NOW);
        String markdown = resume.resumeMarkdown();

        assertThat(markdown).startsWith("# Ada Park\n").contains("ada@example.com", "### Software Engineer — Hooli",
                "## Education", "BSc Computer Science — TU Berlin, 2019");
        assertThat(markdown.indexOf("Java · PostgreSQL")).as("asked skills lead").isLessThan(markdown.indexOf("Excel"));
        assertThat(markdown.indexOf("Moved billing")).isLessThan(markdown.indexOf("book club"));
        assertThat(resume.missingKeywords()).contains("Kafka").allMatch(skill -> !markdown.contains(skill));
        assertThat(skillsIn(markdown)).isSubsetOf(skillsIn(profile.toString()));
        assertThat(resume.atsScore()).isBetween(1, 100);
    }

    @Test
    void theJsonResumeShapeIsReadToo() throws Exception {
        JsonNode profile = new ObjectMapper().readTree("""
                {"basics": {"name": "Lin Wu", "label": "Data engineer", "email": "lin@example.com"},
                 "work": [{"name": "Umbrella", "position": "Data Engineer", "startDate": "2021-01",
                           "highlights": ["Built Kafka pipelines"]}],
                 "skills": [{"name": "Streaming", "keywords": ["Kafka", "Spark"]}]}
                """);

        String markdown = writer.write(profile, JOB, NOW).resumeMarkdown();

        assertThat(markdown).startsWith("# Lin Wu\n").contains("lin@example.com", "### Data Engineer — Umbrella",
                "2021-01 – Present", "- Built Kafka pipelines", "Kafka");
    }

    private Set<Term> skillsIn(String text) {
        return skills.find(text).stream().map(Vocabulary.Mention::term).collect(Collectors.toCollection(HashSet::new));
    }
}
