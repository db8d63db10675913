package dev.shortlist.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.Counterfactuals;
import dev.shortlist.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Counterfactual tests over every fixture resume: versions of a resume that differ only in
 * who the candidate is (name, contact details, pronouns, age, graduation year) get the same
 * score, recommendation, skills and components from the local engine, against the resume's
 * own field and against another.
 */
class IdentityNeverMovesAScoreTest {

    private static final LocalScorer SCORER = LocalScorer.withDefaults();
    /** The fixture resumes' own candidates, renamed in place wherever the resume names them. */
    private static final Map<String, String> OWN_NAMES = Map.of(
            "01-staff-accountant.txt", "Michael Chen",
            "03-financial-controller.txt", "Claire Dubois",
            "04-payables-clerk.txt", "Rosa Martinelli",
            "02-line-cook.txt", "Jamal Hughes",
            "04-tabular.txt", "Oleksandr Petrenko",
            "04-esl-teacher.txt", "Hye-jin Park",
            "01-backend-engineer.txt", "Priya Raman",
            "04-icu-nurse.txt", "Samuel Owusu",
            "03-people-partner.txt", "Sofia Lindqvist",
            "03-inside-sales.txt", "Hannah Schmidt");

    /** What a recruiter sees of a score. */
    record Outcome(int score, String recommendation, List<String> matched, List<String> missing,
            List<String> missingPreferred, List<String> components, double years) {

        static Outcome of(ScoreReport report) {
            return new Outcome(report.score(), report.recommendation(), report.matchedSkills(), report.missingSkills(),
                    report.missingPreferredSkills(),
                    report.components().stream().map(c -> c.name() + "=" + c.score()).toList(), report.yearsOfExperience());
        }
    }

    @Test
    void theAuditStudyNamesGetTheSameScore() {
        assertSameOutcomes("name", resume -> Counterfactuals.byName(resume, Counterfactuals.AUDIT_NAMES));
    }

    @Test
    void namesAcrossGendersAndOriginsGetTheSameScore() {
        List<String> names = new ArrayList<>(Counterfactuals.AUDIT_NAMES.subList(0, 1));
        names.addAll(Counterfactuals.MORE_NAMES);
        assertSameOutcomes("name", resume -> Counterfactuals.byName(resume, names));
    }

    @Test
    void aResumesOwnCandidateRenamedGetsTheSameScore() {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Fixtures.Resume resume : Fixtures.resumes()) {
            String own = OWN_NAMES.get(resume.name());
            if (own != null) {
                assertThat(resume.text().toLowerCase()).contains(own.toLowerCase());
                compared += compare(resume, "own name", Counterfactuals.renamed(resume.text(), own,
                        List.of(own, "Lakisha Washington", "Greg Baker", "Jamal Jones", "Emily Walsh")), differences);
            }
        }
        assertThat(compared).isEqualTo(OWN_NAMES.size() * 2);
        assertThat(differences).as("scores that moved with the name").isEmpty();
    }

    @Test
    void contactDetailsDoNotMoveAScore() {
        assertSameOutcomes("contact", Counterfactuals::byContact);
    }

    @Test
    void sheHeOrTheyDoesNotMoveAScore() {
        assertSameOutcomes("pronoun", Counterfactuals::byPronoun);
    }

    @Test
    void ageAndDateOfBirthDoNotMoveAScore() {
        assertSameOutcomes("age", Counterfactuals::byAge);
    }

    @Test
    void graduationYearDoesNotMoveAScore() {
        assertSameOutcomes("graduation year", Counterfactuals::byGraduationYear);
    }

    private static void assertSameOutcomes(String what, Function<String, List<String>> versions) {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Fixtures.Resume resume : Fixtures.resumes()) {
            compared += compare(resume, what, versions.apply(resume.text()), differences);
        }
        assertThat(compared).isEqualTo(Fixtures.resumes().size() * 2);
        assertThat(differences).as("scores that moved with the " + what).isEmpty();
    }

    /** Scores every version against the resume's own field and another; notes each outcome unlike the first version's. */
    private static int compare(Fixtures.Resume resume, String what, List<String> versions, List<String> differences) {
        int jobs = 0;
        for (String field : List.of(resume.field(), otherField(resume.field()))) {
            LocalScorer.Job job = SCORER.job(Fixtures.job(field));
            Outcome first = Outcome.of(SCORER.score(SCORER.read(versions.get(0), LocalScorer.REFERENCE_MONTH), job));
            for (int v = 1; v < versions.size(); v++) {
                Outcome other = Outcome.of(SCORER.score(SCORER.read(versions.get(v), LocalScorer.REFERENCE_MONTH), job));
                if (!other.equals(first)) {
                    differences.add(resume.field() + "/" + resume.name() + " against " + field + ", " + what + " version "
                            + v + ": " + first + " became " + other);
                }
            }
            jobs++;
        }
        return jobs;
    }

    private static String otherField(String field) {
        return field.equals("accounting") ? "java-developer" : "accounting";
    }
}
