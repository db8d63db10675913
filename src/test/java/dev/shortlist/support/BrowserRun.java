package dev.shortlist.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the e2e/ scripts (Playwright driving Debian's Chromium, both installed by
 * scripts/test.sh) against the service under test, signed in with the tests' admin key.
 * Screenshots land in target/e2e-screenshots.
 */
public final class BrowserRun {

    public static final String ADMIN_KEY = "sl_test_admin_key_for_tests_only";

    private BrowserRun() {
    }

    /** The script's report (one line per step); fails unless every step passed within the deadline. */
    public static String passes(String script, URL root, Duration deadline) throws IOException, InterruptedException {
        Path output = Files.createTempFile("shortlist-e2e-", ".log");
        String baseUrl = root.toString().replaceAll("/$", "");
        ProcessBuilder node = new ProcessBuilder("node", script, baseUrl, "target/e2e-screenshots")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        node.environment().put("SHORTLIST_E2E_ADMIN_KEY", ADMIN_KEY);
        Process run = node.start();
        boolean ended = run.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            run.destroyForcibly();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(ended).as("the browser run ended within its deadline:\n" + report).isTrue();
        assertThat(report).as("node and Chromium are installed by scripts/test.sh").doesNotContain("Cannot find package");
        assertThat(run.exitValue()).as(report).isZero();
        assertThat(report).contains(" 0 failed");
        return report;
    }
}
