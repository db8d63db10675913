package dev.shortlist.faults;

import static dev.shortlist.support.FaultRig.assertEveryRefusalRetryable;
import static dev.shortlist.support.FaultRig.awaitAcceptedAgain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.FaultRig;
import dev.shortlist.support.SteadyLoad;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The disk under the upload folder full, under steady submit load. A small tmpfs is
 * mounted on the service's temporary folder (where uploads spool) and filled: uploads
 * are refused with 503 storage-full and Retry-After, never a 500; text submits, which
 * need no disk, keep being accepted and readiness stays ready; once space is freed,
 * uploads work again in the same process. Mounting needs root (CI runs as root); without
 * it this test fails and says so rather than skipping.
 */
class DiskFaultIT {


    private static FaultRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = FaultRig.shared();
    }

    @Test
    void uploadFolderFullRefusesUploadsWith503AndRecovers() throws Exception {
        Path folder = rig.uploads();
        run("mount", "-t", "tmpfs", "-o", "size=2m", "shortlist-fault-disk", folder.toString());
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            assertThat(upload().statusCode()).as("an upload with space to spare").isEqualTo(201);
            Instant faultStart = Instant.now();
            Path filler = fill(folder);
            FaultRig.note("upload folder full");
            HttpResponse<String> refused = upload();
            Thread.sleep(FaultRig.outage().toMillis() / 2);
            Files.delete(filler);
            Instant freed = Instant.now();
            HttpResponse<String> afterwards = upload();
            awaitAcceptedAgain(load, freed);
            load.close();

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("https://shortlist.dev/problems/storage-full").doesNotContain("Exception");
            assertThat(afterwards.statusCode()).as("an upload once space is freed: " + afterwards.body()).isEqualTo(201);
            assertThat(rig.readiness().all(faultStart, freed, look -> look.status() == 200))
                    .as("readiness stayed ready: jobs need no local disk").isTrue();
            assertEveryRefusalRetryable(load, false);
            rig.assertEveryAcceptedJobEndedOnce(load, Duration.ofSeconds(60), "succeeded");
        } finally {
            run("umount", "-l", folder.toString());
        }
    }

    private static HttpResponse<String> upload() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rig.app().baseUrl() + "/api/v1/documents"))
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + FaultRig.KEY)
                // Distinct text each time: the same document uploaded twice is answered 200 with the first.
                .POST(HttpRequest.BodyPublishers.ofString("Jane Doe " + UUID.randomUUID()
                        + "\nBackend engineer. Java, Spring Boot and PostgreSQL for six years.\n")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes one file until the disk has no byte left. */
    private static Path fill(Path folder) throws IOException {
        Path filler = folder.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).as("the disk is full").contains("No space left on device");
        }
        return filler;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0)
                .as("%s (mounting a small disk needs root): %s", String.join(" ", command), output).isTrue();
    }
}
