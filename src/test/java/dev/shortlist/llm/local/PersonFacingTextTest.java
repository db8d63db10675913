package dev.shortlist.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.Fixtures;
import dev.shortlist.support.JobDescriptions;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every sentence a person reads in a score (summary, strengths, gaps, each component's detail,
 * each requirement and its quote) reads as a sentence for every fixture posting against every
 * field's resumes: never "null" or "undefined", never an empty clause ("including .", ": ,").
 */
class PersonFacingTextTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);
    /** Words or shapes a template leaves when a value it expected is missing. */
    private static final Pattern BROKEN = Pattern.compile(
            "\\b(null|undefined|NaN)\\b|:\\s*[.,;]|,\\s*[.,;]|\\(\\s*\\)|\\b(including|of|to|as|close to)\\s*[.,;]|^\\s*$|\\s{2,}\\.|\\.\\.(?!\\.)");

    /** How the README and the load benchmark write a posting: the title, a colon, the list. */
    private static final String ONE_LINE_POSTING = "Java developer: Spring Boot, PostgreSQL, Kafka, Docker";
    /** A resume whose first line is a sentence, ended by its own full stop. */
    private static final String HEADLINE_SENTENCE = "Backend engineer. Built Spring Boot microservices in Java on Kubernetes.\n"
            + "Tuned PostgreSQL queries.";

    private final LocalScorer scorer = LocalScorer.withDefaults();

    @Test
    void aHeadlineSentenceIsReadAsItsTitleAndTheSummaryEndsEachSentenceOnce() {
        ScoreReport report = scorer.score(HEADLINE_SENTENCE, ONE_LINE_POSTING, NOW);

        assertThat(report.resumeTitle()).isEqualTo("Backend engineer");
        assertThat(report.summary()).doesNotContain("..", ": .").contains("requirements the posting states");
        assertThat(report.components()).filteredOn(c -> c.name().equals("titleFit")).singleElement()
                .satisfies(title -> assertThat(title.detail()).isEqualTo("resume: Backend engineer; job: Java developer"));
        assertThat(scorer.score("Sr. Java Developer\nBuilt Spring Boot services.", ONE_LINE_POSTING, NOW).components())
                .filteredOn(c -> c.name().equals("titleFit")).singleElement()
                .satisfies(title -> assertThat(title.detail()).startsWith("resume: Sr. Java Developer;"));
    }

    @Test
    void everyTextAPersonReadsIsWhole() {
        List<String> postings = new ArrayList<>(List.of(JobDescriptions.JAVA_DEVELOPER, JobDescriptions.HR_MANAGER,
                "Critical Care Registered Nurse. Active RN license, BSN, 3+ years ICU experience, ACLS and BLS"
                        + " certification. CCRN preferred.",
                "Kubernetes, PostgreSQL and JavaScript", ONE_LINE_POSTING,
                "Senior Java developer: Spring Boot, PostgreSQL, Kafka, Docker and Kubernetes.", ""));
        Fixtures.fields().forEach(field -> postings.add(Fixtures.job(field)));
        List<String> resumes = new ArrayList<>(List.of("", "ICU RN", HEADLINE_SENTENCE));
        Fixtures.fields().forEach(field -> resumes.add(Fixtures.longest(field).text()));

        int read = 0;
        for (String posting : postings) {
            for (String resume : resumes) {
                ScoreReport report = scorer.score(resume, posting, NOW);
                List<String> texts = new ArrayList<>();
                texts.add(report.summary());
                texts.addAll(report.strengths());
                texts.addAll(report.gaps());
                report.components().forEach(component -> texts.add(component.detail()));
                report.evidence().forEach(evidence -> {
                    texts.add(evidence.skill());
                    texts.add(evidence.quote());
                });
                report.requirements().forEach(requirement -> {
                    texts.add(requirement.requirement());
                    if (requirement.met()) {
                        texts.add(requirement.quote());
                    } else {
                        assertThat(requirement.quote()).isNull();
                    }
                });
                texts.addAll(report.matchedSkills());
                texts.addAll(report.missingSkills());
                for (String text : texts) {
                    assertThat(text).as("in the report of %.60s… against %.40s…", resume, posting).isNotNull();
                    assertThat(BROKEN.matcher(text).find()).as("\"%s\" in the report of %.60s… against %.40s…", text, resume,
                            posting).isFalse();
                    read++;
                }
                if (report.resumeTitle() != null) {
                    assertThat(report.resumeTitle()).as("a title shown is never blank").isNotBlank();
                }
            }
        }
        assertThat(read).isGreaterThan(1000);
    }
}
