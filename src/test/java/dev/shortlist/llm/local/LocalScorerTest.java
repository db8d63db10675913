package dev.shortlist.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.Fixtures;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalScorerTest {

    private final LocalScorer scorer = LocalScorer.withDefaults();
    private static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void aliasesMeetTheirCanonicalSkill() {
        ScoreReport report = scorer.score("Deployed on k8s with Postgres and JS front ends",
                "Kubernetes, PostgreSQL and JavaScript", NOW);

        assertThat(report.matchedSkills()).containsExactlyInAnyOrder("Kubernetes", "PostgreSQL", "JavaScript");
        assertThat(report.missingSkills()).isEmpty();
    }

    @Test
    void ordinaryWordsAreNotMistakenForSkills() {
        ScoreReport report = scorer.score("I like to go to the gym. R&D at a C-level company.", "Go, R and C developers", NOW);

        assertThat(report.matchedSkills()).doesNotContain("Go", "R", "C");
    }

    @Test
    void evidenceQuotesTheResumeLineBehindEachMatchedSkill() {
        ScoreReport report = scorer.score("""
                Summary: backend engineer
                Built Kafka pipelines feeding Spark jobs
                """, "Kafka and Spark", NOW);

        assertThat(report.evidence()).extracting(ScoreReport.Evidence::skill, ScoreReport.Evidence::quote)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Kafka", "Built Kafka pipelines feeding Spark jobs"),
                        org.assertj.core.groups.Tuple.tuple("Spark", "Built Kafka pipelines feeding Spark jobs"));
    }

    @Test
    void scoreStaysWithinZeroAndHundred() {
        assertThat(scorer.score("", JobDescriptions.JAVA_DEVELOPER, NOW).score()).isZero();
        assertThat(scorer.score(JobDescriptions.JAVA_DEVELOPER, JobDescriptions.JAVA_DEVELOPER, NOW).score()).isEqualTo(100);
    }

    @Test
    void javaDevelopersOutscoreEveryFieldOutsideSoftwareOnAJavaJob() {
        double java = meanScore(Fixtures.resumes("java-developer"), JobDescriptions.JAVA_DEVELOPER);
        for (String other : List.of("hr", "sales", "accounting", "nursing", "chef", "teacher", "mechanical-engineer",
                "civil-engineer")) {
            assertThat(java).as("java-developer vs %s", other)
                    .isGreaterThan(meanScore(Fixtures.resumes(other), JobDescriptions.JAVA_DEVELOPER) + 20);
        }
    }

    @Test
    void hrResumesOutscoreJavaDevelopersOnAnHrJob() {
        double hr = meanScore(Fixtures.resumes("hr"), JobDescriptions.HR_MANAGER);
        double java = meanScore(Fixtures.resumes("java-developer"), JobDescriptions.HR_MANAGER);

        assertThat(hr).isGreaterThan(java + 5);
    }

    @Test
    void eachFieldsResumesClearlyOutscoreEveryOtherFieldOnTheirOwnJob() {
        for (String field : Fixtures.fields()) {
            String job = Fixtures.job(field);
            double own = meanScore(Fixtures.resumes(field), job);
            for (String other : Fixtures.fields()) {
                if (!other.equals(field)) {
                    assertThat(own).as("%s job: %s resumes vs %s resumes", field, field, other)
                            .isGreaterThan(meanScore(Fixtures.resumes(other), job) + 20);
                }
            }
        }
    }

    @Test
    void sameInputsGiveTheSameReport() {
        String resume = Fixtures.resumes("data-science").get(0).text();

        assertThat(scorer.score(resume, JobDescriptions.JAVA_DEVELOPER, NOW))
                .isEqualTo(scorer.score(resume, JobDescriptions.JAVA_DEVELOPER, NOW));
    }

    @Test
    void aPoolScoredBeforeAgainstOtherJobsScoresAsIfReadForTheFirstTime() {
        List<String> pool = Fixtures.resumes("data-science").stream().map(Fixtures.Resume::text).toList();
        LocalScorer seenBefore = LocalScorer.withDefaults();
        pool.forEach(resume -> seenBefore.score(resume, JobDescriptions.JAVA_DEVELOPER, NOW));
        LocalScorer readingEveryTime = LocalScorer.withReadingsKept(0);

        for (String resume : pool) {
            assertThat(seenBefore.score(resume, JobDescriptions.HR_MANAGER, NOW))
                    .isEqualTo(readingEveryTime.score(resume, JobDescriptions.HR_MANAGER, NOW));
        }
    }

    @Test
    void aPostingWrittenAsOneParagraphStillAsksForItsYearsAndItsRequirements() {
        String posting = "Sous Chef wanted: 5+ years in professional kitchens, menu planning, "
                + "food safety certification, lead a team of cooks.";
        String chef = """
                Sous chef, 6 years in busy French kitchens. Menu planning, food safety (ServSafe certified).
                EXPERIENCE
                Sous Chef, Bistro Lyon, 2019-2025: ran the line, trained and led 8 cooks.
                """;
        String junior = """
                Line cook, 2 years in a busy kitchen. Menu planning, food safety (ServSafe certified).
                EXPERIENCE
                Line Cook, Bistro Lyon, 2023-2025: grill and sauté stations.
                """;

        ScoreReport senior = scorer.score(chef, posting, NOW);
        assertThat(senior.yearsRequired()).isEqualTo(5.0);
        assertThat(senior.components()).filteredOn(c -> c.name().equals("requirementCoverage")).singleElement()
                .satisfies(coverage -> assertThat(coverage.score()).isNotNull());
        assertThat(scorer.score(junior, posting, NOW).gaps()).anyMatch(gap -> gap.contains("5 asked"));
    }

    @Test
    void theChefOfAKitchenIsNotTheChefOfAServerFarm() {
        String posting = "Sous Chef\nRequirements\n- 3+ years as a sous chef or chef de partie\n- Menu planning and food safety";
        String cook = "Sous chef at a hotel restaurant: menu planning, food safety, a kitchen brigade of 8.";
        String devops = "DevOps engineer: Puppet, Chef, Ansible and Terraform for 400 servers; Chef cookbooks in Ruby.";

        assertThat(scorer.score(cook, posting, NOW).matchedSkills()).contains("Culinary");
        assertThat(scorer.score(devops, posting, NOW).matchedSkills()).isEmpty();
        assertThat(scorer.score(devops, "DevOps engineer: Chef cookbooks, Puppet", NOW).matchedSkills()).contains("Chef", "Puppet");
    }

    @Test
    void aCompanysAgeIsNotAskedOfTheCandidate() {
        String posting = """
                Accountant
                We have served local families for 20 years in the Bay Area.
                - General ledger, month-end close and reconciliations
                """;

        assertThat(scorer.score("Accountant, general ledger", posting, NOW).yearsRequired()).isNull();
    }

    private double meanScore(List<Fixtures.Resume> resumes, String jobDescription) {
        return resumes.stream().mapToInt(r -> scorer.score(r.text(), jobDescription, NOW).score()).average().orElseThrow();
    }
}
