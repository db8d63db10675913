package dev.shortlist.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.BrowserRun;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: e2e/run.mjs drives Debian's Chromium through Playwright
 * against this running service (scripts/test.sh installs both). The model is the stub,
 * answering after a pause, so the job and batch pages are seen following work in progress.
 * Screenshots land in target/e2e-screenshots.
 */
@QuarkusTest
@TestProfile(DashboardE2eTest.SlowModel.class)
class DashboardE2eTest {

    private static final Duration MODEL_LATENCY = Duration.ofMillis(1500);

    public static class SlowModel implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LlmStubResource.class));
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void signInSubmitWatchResultBatchCsvAdminAndZoomWorkInChromium() throws IOException, InterruptedException {
        LlmStubResource.freshStub().options(new LlmStubServer.Options(0, MODEL_LATENCY, LlmStubResource.API_KEY, 0, 0, 1, 0, 0));
        String report = BrowserRun.passes("e2e/run.mjs", root, Duration.ofMinutes(3));
        assertThat(report).contains("ok - run a batch from uploaded documents and watch its progress",
                "ok - download the shortlist as CSV",
                "ok - the submit form shows only the fields of the chosen job type",
                "ok - a tailor batch ranks by the ATS score after tailoring, with the score before",
                "ok - cancel a job, retry it, and watch the new run succeed",
                "ok - your batches are listed from the service, newest first, filtered by status",
                "ok - readable at 200 % zoom: one column, nothing wider than the window",
                "ok - a score lists what the posting asks: met with the resume line, missing marked missing",
                "ok - a blind score shows the same list with who the candidate is masked",
                "ok - a batch whose candidates self-identified shows the adverse-impact report and flags the group selected less");
    }
}
