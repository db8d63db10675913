package dev.shortlist.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shortlist.client.ApiClient;
import dev.shortlist.client.ApiException;
import dev.shortlist.client.api.BatchesApi;
import dev.shortlist.client.api.DocumentsApi;
import dev.shortlist.client.api.JobsApi;
import dev.shortlist.client.model.BatchResume;
import dev.shortlist.client.model.Document;
import dev.shortlist.client.model.Job;
import dev.shortlist.client.model.JobStatus;
import dev.shortlist.client.model.JobType;
import dev.shortlist.client.model.ScoreJob;
import dev.shortlist.client.model.ScoreResult;
import dev.shortlist.client.model.Evidence;
import dev.shortlist.client.model.ScoreShortlist;
import dev.shortlist.client.model.ShortlistEntry;
import dev.shortlist.client.model.SubmitBatch;
import dev.shortlist.client.model.SubmitJob;
import dev.shortlist.client.model.TextInput;
import dev.shortlist.support.PackagedApp;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients generated from docs/openapi.json, with no hand-written model, run the README's flow
 * against the packaged service: submit a score job, long-poll it, read its score and evidence
 * quotes as typed fields, upload a resume, run a batch and read its shortlist. One service
 * serves every client here.
 */
class GeneratedClientsIT {

    private static final String KEY = "sl_generated_clients_test_admin_key";
    private static PackagedApp app;

    @BeforeAll
    static void startService() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY", KEY);
        settings.put("SHORTLIST_LIMITS_ENABLED", "false");
        app = new PackagedApp(settings);
        app.start();
    }

    @AfterAll
    static void stopService() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    private static final String RESUME = "Backend engineer. Built Spring Boot microservices in Java on Kubernetes.\n"
            + "Tuned PostgreSQL queries.";
    private static final String JOB_DESCRIPTION = "Java developer: Spring Boot, PostgreSQL, Kafka, Docker and Kubernetes.";

    @Test
    void theJavaClientRunsTheReadmeFlow() throws Exception {
        ApiClient client = new ApiClient().setRequestInterceptor(request -> request.setHeader("Authorization", "Bearer " + KEY));
        client.updateBaseUri(app.baseUrl());
        JobsApi jobs = new JobsApi(client);

        // Submit a score job and long-poll it (Prefer: wait) until it ends; read its result as typed fields.
        Job submitted = jobs.submitJob(new SubmitJob().type(JobType.SCORE).resume(new TextInput().text(RESUME))
                .jobDescription(new TextInput().text(JOB_DESCRIPTION)), null);
        ScoreJob job = submitted.getScoreJob();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!ended(job.getStatus()) && Instant.now().isBefore(deadline)) {
            job = jobs.getJob(job.getId(), "wait=30").getScoreJob();
        }
        assertThat(job.getStatus()).as("%s", job.getError()).isEqualTo(JobStatus.SUCCEEDED);
        ScoreResult result = job.getResult();
        assertThat(result.getScore().doubleValue()).isBetween(0.0, 100.0);
        assertThat(result.getEvidence()).extracting(Evidence::getQuote).isNotEmpty()
                .allSatisfy(quote -> assertThat(RESUME).contains(quote.lines().findFirst().orElseThrow()));

        // Upload a resume: the generated method sends a file; the interceptor says what kind it is.
        ApiClient uploads = new ApiClient().setRequestInterceptor(request -> request
                .setHeader("Authorization", "Bearer " + KEY).setHeader("Content-Type", "text/plain"));
        uploads.updateBaseUri(app.baseUrl());
        File file = Files.writeString(Files.createTempFile("jordan-", ".txt"), RESUME).toFile();
        Document document = new DocumentsApi(uploads).uploadDocument(file, "attachment; filename=\"jordan.txt\"");
        assertThat(document.getCharacters()).isPositive();

        // A batch of the uploaded resume and an inline one, and its shortlist, best first.
        BatchesApi batches = new BatchesApi(client);
        UUID batch = batches.submitBatch(new SubmitBatch().type(JobType.SCORE).jobDescription(new TextInput().text(JOB_DESCRIPTION))
                .addResumesItem(new BatchResume().externalId("uploaded").documentId(document.getId()))
                .addResumesItem(new BatchResume().externalId("inline").text("Frontend developer. React and CSS.")), null).getId();
        await().atMost(Duration.ofMinutes(2)).until(() -> batches.getShortlist(batch, null, null).getScoreShortlist().getComplete());
        ScoreShortlist shortlist = batches.getShortlist(batch, null, null).getScoreShortlist();
        assertThat(shortlist.getItems()).extracting(ShortlistEntry::getExternalId).containsExactlyInAnyOrder("uploaded", "inline");
        assertThat(shortlist.getItems()).extracting(ShortlistEntry::getScore).isSortedAccordingTo((a, b) -> b - a);

        // An error is an ApiException carrying the problem detail.
        assertThatThrownBy(() -> jobs.getJob(UUID.randomUUID(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    private static boolean ended(JobStatus status) {
        return status == JobStatus.SUCCEEDED || status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }

    @Test
    void theTypeScriptClientRunsTheReadmeFlow() throws Exception {
        Path output = Files.createTempFile("shortlist-ts-client-", ".log");
        Process run = new ProcessBuilder(List.of("e2e/client/run.sh", app.baseUrl(), KEY))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = run.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(ended).as("the client run ended:\n" + report).isTrue();
        assertThat(run.exitValue()).as(report).isZero();
        assertThat(report).contains("ok - submit a score job, long-poll it, read its typed score and evidence",
                "ok - upload a resume as a document", "ok - run a batch and read its shortlist", " 0 failed");
    }
}
