package dev.shortlist.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the Grafana dashboard under k8s/monitoring are valid for Prometheus
 * and speak of metrics this service really exports: promtool (Debian's prometheus package,
 * installed by scripts/test.sh) checks the rules and this service's own /q/metrics.
 */
@QuarkusTest
class MonitoringTest {

    private static final Path RULES = Path.of("k8s/monitoring/shortlist-alerts.yaml");
    private static final Path DASHBOARD = Path.of("k8s/monitoring/shortlist-dashboard.json");
    private static final Pattern SHORTLIST_METRIC = Pattern.compile("\\b(shortlist_[a-z_]+?)(?:_bucket)?\\b(?![:(])");

    /** Runs promtool; exit 0 is clean, 3 means lint findings (which the caller judges), anything else a failure. */
    private static String promtool(Path input, int... accepted) throws IOException, InterruptedException {
        return promtool(input, List.of("check", "metrics"), accepted);
    }

    private static String promtool(Path input, List<String> args, int... accepted) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.util.Arrays.stream(accepted).boxed().toList())
                .as("promtool " + String.join(" ", args) + " exited " + process.exitValue() + ":\n" + output)
                .contains(process.exitValue());
        return output;
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws IOException, InterruptedException {
        assertThat(promtool(null, List.of("check", "rules", RULES.toString()), 0)).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsThisServicesMetricsAndEveryRuleAndPanelNamesOneOfThem() throws IOException, InterruptedException {
        // One finished job, so the job counters and latency histogram have series.
        Jobs.awaitEnd(Jobs.submit(Jobs.scoreRequest("Java engineer " + UUID.randomUUID() + ". Spring Boot and PostgreSQL.",
                "Java developer: Spring Boot, PostgreSQL.")));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Path scraped = Files.createTempFile("shortlist-metrics-", ".txt");
        Files.writeString(scraped, metrics);
        // The scrape parses (a parse error is exit 1). Lint findings (exit 3) are judged for our own
        // metrics only: the libraries' (agroal, netty, redis, jvm) are not ours to rename, and
        // "no help text" on counters is how the Prometheus client writes HELP under the family name.
        String lint = promtool(scraped, 0, 3);
        assertThat(lint.lines().filter(line -> line.startsWith("shortlist_") && !line.endsWith("_total no help text")))
                .as(lint).isEmpty();

        // The metrics the alerts and panels depend on are ones the service exports
        // (counters that have not counted yet still show in the pipeline's own tests).
        String monitored = Files.readString(RULES) + Files.readString(DASHBOARD);
        Matcher names = SHORTLIST_METRIC.matcher(monitored);
        List<String> alwaysPresent = List.of("shortlist_jobs_completed_total", "shortlist_queue_oldest_seconds",
                "shortlist_queue_depth", "shortlist_jobs_running", "shortlist_job_latency_seconds");
        int checked = 0;
        while (names.find()) {
            String name = names.group(1);
            if (alwaysPresent.contains(name)) {
                assertThat(metrics).as(name).contains(name);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(alwaysPresent.size());
        assertThat(metrics).contains("sql_pool_active", "sql_pool_queue_size");
    }
}
