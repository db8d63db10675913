package dev.shortlist.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeReadingTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);
    private final LocalScorer scorer = LocalScorer.withDefaults();
    /** Whatever the vocabulary calls Spring Boot (an alias of Spring, or a skill of its own). */
    private static final String SPRING_BOOT = Vocabulary.skills().lookup("Spring Boot").orElseThrow().name();

    private static final String RESUME = """
            Priya Raman
            Senior Java Developer · priya@example.com

            Summary
            Backend engineer building payment services.

            Technical Skills: Java, Spring Boot, PostgreSQL, Docker

            Work Experience
            Senior Java Developer, Acme Payments — Jan 2019 – Present
            - Built Spring Boot services on Kubernetes handling 2M payments a day
            - Tuned PostgreSQL queries, cutting p99 latency by 40%
            Java Developer, Globex — 03/2015 - 12/2018
            - Maintained a Java EE order system

            Education
            B.Tech Computer Science, 2011 - 2015
            """;

    @Test
    void sectionsAreFoundByTheirHeadingsWhateverTheirCase() {
        ParsedResume resume = scorer.read(RESUME, NOW);

        assertThat(sectionOf(resume, "Backend engineer building")).isEqualTo(Section.SUMMARY);
        assertThat(sectionOf(resume, "Technical Skills:")).isEqualTo(Section.SKILLS);
        assertThat(sectionOf(resume, "- Tuned PostgreSQL")).isEqualTo(Section.EXPERIENCE);
        assertThat(sectionOf(resume, "B.Tech")).isEqualTo(Section.EDUCATION);
        assertThat(sectionOf(resume, "Priya Raman")).isEqualTo(Section.HEADER);
    }

    @Test
    void aHeadingGluedToThePreviousLineIsStillSeen() {
        ParsedResume resume = scorer.read("TECHNICAL SKILLS Typewriting, SPSSEducation Details\nMBA, 2015 - 2017\n", NOW);

        assertThat(sectionOf(resume, "MBA")).isEqualTo(Section.EDUCATION);
        assertThat(resume.yearsOfExperience()).as("education dates are not experience").isZero();
    }

    @Test
    void yearsOfExperienceCountOverlappingJobsOnceAndSkipEducation() {
        // Jan 2019 – Nov 2026 (95 months) and Mar 2015 – Dec 2018 (46 months); the degree's 2011–2015 is not work.
        assertThat(scorer.read(RESUME, NOW).yearsOfExperience()).isEqualTo((95 + 46) / 12.0);
        assertThat(scorer.read("""
                Experience
                Analyst, 2010 - 2014
                Analyst (part time, same years), 2012 - 2013
                """, NOW).yearsOfExperience()).isEqualTo(5);
    }

    @Test
    void aSpecificSkillShowsTheGeneralOnesItImplies() {
        ScoreReport report = scorer.score("Experience\n- Built Spring Boot services; Hive queries on the cluster",
                "Required: Java, Spring, Hadoop", NOW);

        assertThat(report.missingSkills()).isEmpty();
        assertThat(report.evidence()).filteredOn(e -> e.skill().equals("Hadoop")).singleElement()
                .extracting(ScoreReport.Evidence::quote).asString().contains("Hive queries");
    }

    @Test
    void everyImplicationNamesSkillsOfTheVocabulary() {
        assertThat(new Implications(Vocabulary.skills()).unknown()).isEmpty();
    }

    @Test
    void monthsStatedPerSkillCountToo() {
        assertThat(scorer.read("Skill Details\nOracle- Experience - 48 monthsCompany Details", NOW).yearsOfExperience()).isEqualTo(4);
    }

    @Test
    void statedYearsCountWhenTheyExceedTheDatedOnes() {
        assertThat(scorer.read("Sales executive with 12+ years of experience in FMCG", NOW).yearsOfExperience()).isEqualTo(12);
    }

    @Test
    void yearsSpentInAFieldOrRoleAreExperienceTooWithoutTheWord() {
        assertThat(scorer.read("Sous chef with 6 years in professional kitchens.", NOW).yearsOfExperience()).isEqualTo(6);
        assertThat(scorer.read("Paralegal. 10+ years as a litigation paralegal", NOW).yearsOfExperience()).isEqualTo(10);
        assertThat(scorer.read("Over 8 years leading sales teams across EMEA", NOW).yearsOfExperience()).isEqualTo(8);
    }

    @Test
    void howLongSomethingTookIsNotExperience() {
        assertThat(scorer.read("""
                Store manager
                Grew revenue 40% in 3 years in a row of audits
                Signed a 2 year contract with the city
                Promoted twice in 4 years
                """, NOW).yearsOfExperience()).isZero();
    }

    @Test
    void titlesComeFromTheHeadlineAndExperienceButNotFromDegrees() {
        ParsedResume resume = scorer.read(RESUME, NOW);

        assertThat(resume.titles()).extracting(Term::name).first().isEqualTo("Java Developer");
        assertThat(scorer.read("Education\nB.E. Mechanical Engineer programme\n", NOW).titles()).isEmpty();
    }

    @Test
    void evidenceQuotesAWorkLineRatherThanTheSkillsList() {
        ScoreReport report = scorer.score(RESUME, "Required: Spring Boot and PostgreSQL", NOW);

        assertThat(report.evidence()).extracting(ScoreReport.Evidence::skill, ScoreReport.Evidence::section)
                .contains(org.assertj.core.groups.Tuple.tuple(SPRING_BOOT, "experience"),
                        org.assertj.core.groups.Tuple.tuple("PostgreSQL", "experience"));
        assertThat(report.evidence()).filteredOn(e -> e.skill().equals("PostgreSQL")).first()
                .extracting(ScoreReport.Evidence::quote).asString().startsWith("- Tuned PostgreSQL queries");
    }

    @Test
    void theJobDescriptionSaysWhatIsRequiredWhatIsPreferredAndHowManyYears() {
        ScoreReport report = scorer.score(RESUME, """
                Senior Java Developer

                Requirements
                - 5+ years of experience with Java and Spring Boot
                - PostgreSQL

                Nice to have
                - Kafka, Kubernetes
                """, NOW);

        assertThat(report.jobTitle()).isEqualTo("Java Developer");
        assertThat(report.yearsRequired()).isEqualTo(5.0);
        assertThat(report.matchedSkills()).containsExactly("Java", SPRING_BOOT, "PostgreSQL", "Kubernetes");
        assertThat(report.missingSkills()).isEmpty();
        assertThat(report.missingPreferredSkills()).containsExactly("Kafka");
        assertThat(report.components()).extracting(ScoreReport.Component::name)
                .containsExactly("semanticFit", "requirementCoverage", "requiredSkills", "preferredSkills", "titleFit",
                        "experience", "domainFit", "textRelevance");
        assertThat(component(report, "requiredSkills").score()).isEqualTo(100);
        assertThat(component(report, "preferredSkills").score()).isEqualTo(50);
        assertThat(component(report, "titleFit").score()).isEqualTo(100);
        assertThat(component(report, "experience").score()).isEqualTo(100);
        assertThat(report.recommendation()).isEqualTo("shortlist");
        assertThat(report.summary()).contains("3 of the 3 required skills", "1 of 2 preferred");
    }

    @Test
    void componentsThatDoNotApplyGiveTheirWeightToTheOthers() {
        ScoreReport report = scorer.score(RESUME, "We need Java and Spring Boot.", NOW);

        assertThat(component(report, "experience").score()).isNull();
        assertThat(component(report, "experience").weight()).isZero();
        assertThat(component(report, "preferredSkills").score()).isNull();
        assertThat(report.score()).isBetween(0, 100);
    }

    @Test
    void missingYearsLowerTheScoreAndAreNamedAsAGap() {
        String junior = "Java Developer\nExperience\nJava Developer, 2024 - 2025\n- Java and Spring Boot services\n";
        ScoreReport report = scorer.score(junior, "Java Developer. 8 years of experience with Java and Spring Boot required.", NOW);

        assertThat(component(report, "experience").score()).isEqualTo(25);
        assertThat(report.gaps()).anyMatch(gap -> gap.contains("8 asked"));
    }

    private static ScoreReport.Component component(ScoreReport report, String name) {
        return report.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static Section sectionOf(ParsedResume resume, String lineStart) {
        Text text = resume.text();
        for (int line = 0; line < text.lineCount(); line++) {
            if (text.line(line).strip().startsWith(lineStart)) {
                return resume.section(line);
            }
        }
        throw new AssertionError("no line starts with " + lineStart);
    }

}
