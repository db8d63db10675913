package dev.shortlist.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.BrowserRun;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A 1,000-resume batch in a real browser (e2e/big-batch.mjs): its page follows the batch
 * live to the end without a reload, and the ranked shortlist of 1,000 pages through. The
 * local engine answers, as in a service out of the box.
 */
@QuarkusTest
class BigBatchE2eTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aThousandResumeBatchProgressesLiveInTheDashboardAndItsShortlistOpens() throws IOException, InterruptedException {
        String report = BrowserRun.passes("e2e/big-batch.mjs", root, Duration.ofMinutes(8));
        assertThat(report).contains("ok - the batch page follows its progress live to the end, without a reload",
                "ok - the ranked shortlist of 1,000 opens a page of rows at a time, best first");
    }
}
