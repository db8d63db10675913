package dev.shortlist.llm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * What a recruiter lists from a posting, whatever its field and layout, and how the resume
 * meets each item: certifications, licences, degrees and years named in the posting's words,
 * required or preferred by their own clause, matched with a verbatim quote or listed missing.
 */
class StatedRequirementsTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);
    private static final String ICU_POSTING = "Critical Care Registered Nurse. We need an active RN license, BSN, 3+ years ICU"
            + " experience, ACLS and BLS certification. CCRN preferred.";
    private static final String ICU_NURSE = """
            Jane Doe
            ICU RN
            Registered nurse in a 20-bed medical intensive care unit, Mercy Hospital, Jan 2019 - Present
            Bachelor of Science in Nursing, State University, 2018
            Certifications: Advanced Cardiac Life Support, Basic Life Support
            """;

    private final LocalScorer scorer = LocalScorer.withDefaults();

    @Test
    void aOneParagraphPostingNamesEachRequirementAndOnlyItsOwnClauseIsPreferred() {
        ScoreReport report = scorer.score(ICU_NURSE, ICU_POSTING, NOW);

        assertThat(report.requirements()).extracting(ScoreReport.RequirementResult::requirement, ScoreReport.RequirementResult::kind)
                .contains(tuple("RN license", "required"), tuple("BSN", "required"), tuple("ICU experience", "required"),
                        tuple("ACLS certification", "required"), tuple("BLS certification", "required"), tuple("CCRN", "preferred"));
        assertThat(report.yearsRequired()).isEqualTo(3.0);
    }

    @Test
    void acronymsMeetTheirExpansionsAndTheQuoteIsTheResumesOwnLine() {
        ScoreReport report = scorer.score(ICU_NURSE, ICU_POSTING, NOW);

        assertThat(report.requirements()).filteredOn(r -> r.requirement().equals("ACLS certification")).singleElement()
                .satisfies(acls -> {
                    assertThat(acls.met()).isTrue();
                    assertThat(acls.quote()).isEqualTo("Certifications: Advanced Cardiac Life Support, Basic Life Support");
                });
        assertThat(report.requirements()).filteredOn(r -> r.requirement().equals("BSN")).singleElement()
                .satisfies(bsn -> assertThat(bsn.quote()).startsWith("Bachelor of Science in Nursing"));
        assertThat(report.requirements()).filteredOn(r -> r.requirement().equals("CCRN")).singleElement()
                .satisfies(ccrn -> {
                    assertThat(ccrn.met()).isFalse();
                    assertThat(ccrn.matchedBy()).isEqualTo("missing");
                });
        assertThat(report.gaps()).anyMatch(gap -> gap.contains("CCRN"));
    }

    @Test
    void anIcuNurseHeadlineIsCloseToACriticalCareNursingTitle() {
        ScoreReport report = scorer.score(ICU_NURSE, ICU_POSTING, NOW);

        assertThat(report.gaps()).noneMatch(gap -> gap.startsWith("No past title"));
        assertThat(report.components()).filteredOn(c -> c.name().equals("titleFit")).singleElement()
                .satisfies(title -> assertThat(title.score()).isPositive());
    }

    @Test
    void yearsAreReadInDigitsAndInWordsAndShownWithTheClauseThatAsksThem() {
        assertThat(scorer.job("Requirements: five years of experience managing crop operations.").requirements().years())
                .hasValue(5.0);
        assertThat(scorer.job("Payroll clerk\nMinimum 2 yrs in payroll. A CPP is a plus.").requirements().years()).hasValue(2.0);
        assertThat(scorer.job("Founded 12 years ago, we grow every year.\nRequirements: two or more years of retail"
                + " banking experience.").requirements().years()).hasValue(2.0);

        ScoreReport report = scorer.score(ICU_NURSE, ICU_POSTING, NOW);
        assertThat(report.components()).filteredOn(c -> c.name().equals("experience")).singleElement()
                .satisfies(experience -> assertThat(experience.detail()).contains("3 asked", "3+ years ICU experience"));
    }

    private static final String BACKEND = """
            Backend engineer
            Built Spring Boot microservices in Java on Kubernetes.
            Tuned PostgreSQL queries and cut p99 latency by half.
            Ran Kafka consumers for order events.
            """;

    @Test
    void aOneLinePostingIsItsTitleBeforeTheColonAndItsRequirementsAfter() {
        ScoreReport report = scorer.score(BACKEND, "Java developer: Spring Boot, PostgreSQL, Kafka, Docker", NOW);

        assertThat(report.requirements()).extracting(ScoreReport.RequirementResult::requirement, ScoreReport.RequirementResult::kind,
                ScoreReport.RequirementResult::met).containsExactly(tuple("Spring Boot", "required", true),
                        tuple("PostgreSQL", "required", true), tuple("Kafka", "required", true), tuple("Docker", "required", false));
        assertThat(report.requirements()).filteredOn(r -> r.requirement().equals("Kafka")).singleElement()
                .satisfies(kafka -> assertThat(kafka.quote()).isEqualTo("Ran Kafka consumers for order events."));
        assertThat(report.components()).filteredOn(c -> c.name().equals("titleFit")).singleElement()
                .satisfies(title -> assertThat(title.detail()).endsWith("; job: Java developer"));
        assertThat(report.components()).filteredOn(c -> c.name().equals("requirementCoverage")).singleElement()
                .satisfies(coverage -> assertThat(coverage.score()).isNotNull());
        assertThat(report.gaps()).contains("Requirements not shown: Docker");
        assertThat(report.matchedSkills()).as("the title asks for Java").contains("Java", "Spring Boot", "Kafka");
    }

    @Test
    void aOneLinePostingThatEndsWithAStopAndAnAndListsItsLastItemBare() {
        assertThat(scorer.job("Senior Java developer: Spring Boot, PostgreSQL, Kafka, Docker and Kubernetes.").requirements().stated())
                .extracting(StatedRequirement::name).containsExactly("Spring Boot", "PostgreSQL", "Kafka", "Docker", "Kubernetes");
        assertThat(scorer.job("Senior Java developer: Spring Boot, PostgreSQL, Kafka, Docker and Kubernetes.").requirements().titleText())
                .isEqualTo("Senior Java developer");
    }

    @Test
    void aFieldOrAHeadingBeforeAColonIsNotTheJobsTitle() {
        assertThat(scorer.job("Location: Berlin, Munich or remote").requirements().stated()).isEmpty();
        assertThat(scorer.job("Requirements: Excel, QuickBooks and GAAP").requirements().stated()).extracting(StatedRequirement::name)
                .containsExactly("Excel", "QuickBooks", "GAAP");
        assertThat(scorer.job("Payroll clerk\nSkills: Excel, ADP\nNice to have: CPP").requirements().stated())
                .extracting(StatedRequirement::name, StatedRequirement::preferred)
                .containsExactly(tuple("Excel", false), tuple("ADP", false), tuple("CPP", true));
        assertThat(scorer.job("Title: Staff Accountant\nRequirements\n- Working knowledge of GAAP.").requirements().titleText())
                .isEqualTo("Staff Accountant");
    }

    @Test
    void preferredIsDecidedPerClause() {
        LocalScorer.Job job = scorer.job("""
                Personal Banker
                Requirements
                - High school diploma; bachelor's degree in business or finance preferred.
                - Knowledge of BSA/AML and KYC requirements.
                """);

        assertThat(job.requirements().stated()).extracting(StatedRequirement::name, StatedRequirement::preferred)
                .contains(tuple("High school diploma", false), tuple("bachelor's degree in business or finance", true));
    }

    @Test
    void benefitsAboutUsAndEqualOpportunityStatementsAreNotRequirements() {
        LocalScorer.Job job = scorer.job("""
                Staff Accountant

                About us
                We are a regional accounting firm serving family-owned manufacturers.

                What you bring
                • Working knowledge of GAAP.
                • Experience with QuickBooks or NetSuite.

                Benefits
                • Medical, dental and vision insurance from your first day
                • 401(k) retirement plan with a 4% company match

                We are an equal opportunity employer. All qualified applicants will receive consideration for employment
                without regard to race, color, religion, sex, national origin, disability or protected veteran status.
                """);

        assertThat(job.requirements().stated()).extracting(StatedRequirement::name)
                .containsExactly("GAAP", "QuickBooks", "NetSuite");
    }
}
