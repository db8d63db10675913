package dev.shortlist.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a recruiter outside tech notices: a kitchen posting puts cooks first, quotes are the
 * resume's own lines, and a score does not change when the service restarts. Fixtures are
 * written for this test.
 */
class FieldRankingTest {

    static final String SOUS_CHEF = """
            Sous Chef

            Our restaurant group runs three busy bistros downtown.

            Responsibilities
            - Run the kitchen line during dinner service and supervise line cooks
            - Prepare sauces, stocks and daily specials; plate dishes to the chef's standards
            - Order produce and manage kitchen inventory and food costs
            - Keep food safety and sanitation standards

            Requirements
            - 3+ years of experience cooking in a restaurant kitchen
            - ServSafe food handler certification

            We offer health insurance and paid time off. We are an equal opportunity employer.
            """;

    static final List<String> CHEFS = List.of("""
            LINE COOK
            Summary
            Line cook with six years in busy restaurant kitchens, fast on the grill and saute stations.
            Skills
            Knife skills, sauces, food safety, ServSafe certified, inventory
            Experience
            Line Cook, Company Name, City , State 06/2018 to 11/2024
            Prepared sauces, soups and daily specials for 200 covers a night.
            Trained new cooks on the line and kept the walk-in organised.
            """, """
            EXECUTIVE CHEF
            Profile
            Chef who plans seasonal menus and leads kitchen brigades in hotels and bistros.
            Highlights
            Menu development, food cost control, catering, kitchen management
            Experience
            Executive Chef, Company Name, City , State 2016 to Current
            Created menus and recipes, supervised sous chefs and cooks, ordered produce from local farms.
            Kept the kitchen at an A sanitation grade for eight years.
            """);

    static final List<String> ACCOUNTANTS = List.of("""
            STAFF ACCOUNTANT
            Summary
            Accountant with five years of month-end close, reconciliations and financial reporting.
            Skills
            General ledger, accounts payable, QuickBooks, Excel, GAAP
            Experience
            Staff Accountant, Company Name, City , State 03/2019 to Current
            Prepared journal entries and bank reconciliations and supported the annual audit.
            """, """
            SENIOR ACCOUNTANT
            Professional Summary
            CPA with eight years in public accounting and corporate finance.
            Skills
            Financial statements, tax returns, budgeting, SAP, variance analysis
            Experience
            Senior Accountant, Company Name, City , State 2015 to 2023
            Managed the general ledger and prepared quarterly financial statements for the board.
            """);

    private final LocalScorer scorer = LocalScorer.withDefaults();

    @Test
    void aSousChefPostingRanksCooksAboveAccountants() {
        int lowestChef = CHEFS.stream().mapToInt(resume -> score(resume, SOUS_CHEF).score()).min().orElseThrow();
        int highestAccountant = ACCOUNTANTS.stream().mapToInt(resume -> score(resume, SOUS_CHEF).score()).max().orElseThrow();

        assertThat(lowestChef).isGreaterThan(highestAccountant);
    }

    @Test
    void theEquivalentAccountingPostingRanksTheOtherWay() {
        String accountant = """
                Staff Accountant
                Requirements
                - Month-end close, journal entries and account reconciliations
                - General ledger and financial statements under GAAP
                - 3+ years of accounting experience; CPA preferred
                """;
        int lowestAccountant = ACCOUNTANTS.stream().mapToInt(resume -> score(resume, accountant).score()).min().orElseThrow();
        int highestChef = CHEFS.stream().mapToInt(resume -> score(resume, accountant).score()).max().orElseThrow();

        assertThat(lowestAccountant).isGreaterThan(highestChef);
    }

    @Test
    void evidenceQuotesAreTheResumesOwnLines() {
        ScoreReport report = score(CHEFS.get(0), SOUS_CHEF);
        List<String> lines = CHEFS.get(0).lines().map(String::strip).toList();

        assertThat(report.evidence()).isNotEmpty();
        for (ScoreReport.Evidence evidence : report.evidence()) {
            assertThat(lines).as("quote for %s", evidence.skill()).contains(evidence.quote());
        }
        assertThat(report.evidence()).extracting(ScoreReport.Evidence::quote)
                .contains("Prepared sauces, soups and daily specials for 200 covers a night.");
    }

    @Test
    void boilerplateDoesNotCount() {
        ScoreReport report = score(CHEFS.get(0), SOUS_CHEF);

        assertThat(report.evidence()).extracting(ScoreReport.Evidence::skill)
                .noneMatch(requirement -> requirement.contains("equal opportunity") || requirement.contains("health insurance"));
    }

    @Test
    void everyComponentSaysWhatItMeasured() {
        ScoreReport report = score(CHEFS.get(1), SOUS_CHEF);

        assertThat(report.components()).extracting(ScoreReport.Component::name)
                .contains("semanticFit", "requirementCoverage", "textRelevance", "titleFit", "experience");
        assertThat(report.components()).allSatisfy(component -> assertThat(component.detail()).isNotBlank());
    }

    @Test
    void theSameInputScoresTheSameInANewProcessWithNoNetwork(@TempDir Path dir) throws Exception {
        String here = new ObjectMapper().writeValueAsString(score(CHEFS.get(1), SOUS_CHEF));

        // A fresh JVM is a restart: new caches, a model loaded anew from the jar. Every proxy
        // points at a closed port and the native-library cache is empty, so a download fails.
        Path out = dir.resolve("score.json");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9", "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
                "-DDJL_CACHE_DIR=" + dir.resolve("djl"), "-Doffline=true",
                "-cp", System.getProperty("java.class.path"), ScoreOnce.class.getName(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(log(dir)).isZero();

        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(here);
    }

    @Test
    void theModelShipsInsideAJar() {
        URL model = SentenceEmbedder.class.getClassLoader().getResource("e5-small-v2-q.onnx");

        assertThat(model).isNotNull();
        assertThat(model.getProtocol()).isEqualTo("jar");
    }

    private static String log(Path dir) throws IOException {
        return Files.readString(dir.resolve("log.txt"));
    }

    private ScoreReport score(String resume, String jobDescription) {
        return scorer.score(resume, jobDescription, LocalScorer.REFERENCE_MONTH);
    }

    /** Scores the fixed pair in a process of its own and writes the report as JSON. */
    public static final class ScoreOnce {

        public static void main(String[] args) throws IOException {
            ScoreReport report = LocalScorer.withDefaults().score(CHEFS.get(1), SOUS_CHEF, LocalScorer.REFERENCE_MONTH);
            Files.writeString(Path.of(args[0]), new ObjectMapper().writeValueAsString(report), StandardCharsets.UTF_8);
        }
    }
}
