package dev.shortlist.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shortlist.documents.BulkIntake;
import dev.shortlist.documents.BulkPart;
import dev.shortlist.documents.Document;
import dev.shortlist.documents.DocumentsConfig;
import dev.shortlist.documents.FileOutcome;
import dev.shortlist.jobs.IdempotencyKeys;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.jobs.Priority;
import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.platform.problem.ProblemException;
import dev.shortlist.platform.quota.HourlyQuotas;
import dev.shortlist.security.Caller;
import dev.shortlist.submit.BatchSubmission;
import dev.shortlist.submit.BatchSubmitter;
import dev.shortlist.submit.GivenText;
import dev.shortlist.submit.IdempotencyConflictException;
import dev.shortlist.submit.SubmittedBatch;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A bulk upload from request to answer: the Idempotency-Key, the files taken in, the
 * point where stored documents are counted, and the batch started from them. The batch
 * goes through {@link BatchSubmitter} like any other, so it meets the same checks and quotas.
 */
@ApplicationScoped
class BulkUploads {

    /** The answer as sent: status, Location (of the batch, when one started) and body; {@code replayed} for a retry. */
    record Answer(int status, String location, BulkUploadView view, boolean replayed) {

        Answer(int status, String location, BulkUploadView view) {
            this(status, location, view, false);
        }
    }

    /** A batch to start from the upload's stored documents, one child job each, external id = file name. */
    record BatchRequest(JobType type, Priority priority, String jobDescription) {

        /**
         * The batch the upload's fields ask for: one starts when {@code jobDescription} is
         * given; {@code type} (default score) and {@code priority} (default bulk) need it.
         */
        static Optional<BatchRequest> of(String type, String jobDescription, String priority) {
            if (jobDescription == null) {
                if (type != null || priority != null) {
                    throw new InvalidInputException("jobDescription", "is required to start a batch (type and priority only go with it)");
                }
                return Optional.empty();
            }
            List<InvalidInputException.Violation> violations = new ArrayList<>();
            if (jobDescription.isBlank()) {
                violations.add(new InvalidInputException.Violation("jobDescription", "must not be blank"));
            }
            JobType jobType = JobType.SCORE;
            if (type != null) {
                try {
                    jobType = JobType.fromWireName(type);
                } catch (IllegalArgumentException e) {
                    violations.add(new InvalidInputException.Violation("type", "must be score or tailor"));
                }
            }
            Priority jobPriority = Priority.BULK;
            if (priority != null) {
                try {
                    jobPriority = Priority.valueOf(priority.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    violations.add(new InvalidInputException.Violation("priority", "must be one of critical, high, normal, low, bulk"));
                }
            }
            if (!violations.isEmpty()) {
                throw new InvalidInputException(violations);
            }
            return Optional.of(new BatchRequest(jobType, jobPriority, jobDescription));
        }
    }

    private final BulkIntake intake;
    private final BatchSubmitter batches;
    private final BulkUploadAnswers answers;
    private final DocumentsConfig config;
    private final JobsConfig jobsConfig;
    private final CpuPool cpu;
    private final HourlyQuotas hourlyQuotas;

    BulkUploads(BulkIntake intake, BatchSubmitter batches, BulkUploadAnswers answers, DocumentsConfig config,
            JobsConfig jobsConfig, CpuPool cpu, HourlyQuotas hourlyQuotas) {
        this.hourlyQuotas = hourlyQuotas;
        this.intake = intake;
        this.batches = batches;
        this.answers = answers;
        this.config = config;
        this.jobsConfig = jobsConfig;
        this.cpu = cpu;
    }

    /**
     * Takes the parts in (and starts the batch) once per Idempotency-Key: the same request
     * again gets the first answer, a different one under the same key is refused.
     */
    Uni<Answer> upload(Caller caller, List<BulkPart> parts, Optional<BatchRequest> batch, String idempotencyKey, URI base) {
        if (idempotencyKey == null) {
            return takeIn(caller, parts, batch, base);
        }
        IdempotencyKeys.require(idempotencyKey, jobsConfig);
        String owner = caller.owner();
        return cpu.run(() -> fingerprint(parts, batch))
                .chain(request -> answers.claim(owner, idempotencyKey, request, config.bulk().idempotencyWindow()))
                .chain(claim -> {
                    if (claim instanceof BulkUploadAnswers.Answered earlier) {
                        return Uni.createFrom().item(new Answer(earlier.answer().status(), earlier.answer().location(),
                                earlier.answer().view(), true));
                    }
                    if (claim instanceof BulkUploadAnswers.OtherRequest) {
                        throw new IdempotencyConflictException(idempotencyKey);
                    }
                    if (claim instanceof BulkUploadAnswers.InProgress) {
                        throw new InProgress(idempotencyKey);
                    }
                    return takeIn(caller, parts, batch, base)
                            .call(answer -> answers.answer(owner, idempotencyKey, answer))
                            .onFailure().call(() -> answers.release(owner, idempotencyKey));
                });
    }

    private Uni<Answer> takeIn(Caller caller, List<BulkPart> parts, Optional<BatchRequest> batch, URI base) {
        return hourlyQuotas.requireLeft(caller.owner(), caller.limits(), HourlyQuotas.Kind.DOCUMENTS)
                .chain(() -> intake.ingest(caller.owner(), parts))
                .call(outcomes -> documentsStored(caller, outcomes))
                .chain(outcomes -> batch.isEmpty()
                        ? Uni.createFrom().item(new Answer(200, null, BulkUploadView.of(outcomes, null)))
                        : startBatch(caller, batch.get(), outcomes, base));
    }

    /**
     * THE point where a bulk upload's stored documents are counted, once per request, after
     * every file was read and before any batch starts: {@code created} is the number of new
     * documents this request stored (files the owner had uploaded before are not counted
     * again). The documents-per-hour quota is charged here: over it, the answer is 429 and
     * no batch starts; the documents stay stored, so a retry after Retry-After finds them and
     * does not count them again. (A key with nothing left of its hour is refused before any
     * file is read.) An upload that stored nothing is refused as a whole.
     */
    private Uni<Void> documentsStored(Caller caller, List<FileOutcome> outcomes) {
        if (outcomes.stream().noneMatch(FileOutcome::isStored)) {
            throw new NothingStored(outcomes);
        }
        long created = outcomes.stream().filter(outcome -> outcome.isStored() && outcome.stored().created()).count();
        Log.debugf("Bulk upload for %s: %d files, %d new documents", caller.owner(), outcomes.size(), created);
        return created == 0 ? Uni.createFrom().voidItem()
                : hourlyQuotas.charge(caller.owner(), caller.limits(), HourlyQuotas.Kind.DOCUMENTS, (int) created).replaceWithVoid();
    }

    private Uni<Answer> startBatch(Caller caller, BatchRequest request, List<FileOutcome> outcomes, URI base) {
        List<BatchSubmission.Resume> resumes = new ArrayList<>();
        for (FileOutcome outcome : outcomes) {
            if (outcome.isStored()) {
                Document document = outcome.stored().document();
                resumes.add(new BatchSubmission.Resume(outcome.name(), GivenText.document(document.id())));
            }
        }
        BatchSubmission submission = new BatchSubmission(request.type(), request.priority(),
                GivenText.inline(request.jobDescription()), JsonNodeFactory.instance.objectNode(), resumes,
                null, null, List.of());
        return batches.submit(caller, submission).map(SubmittedBatch::batch).map(batch -> new Answer(202,
                base.resolve("api/v1/batches/" + batch.id()).toString(),
                BulkUploadView.of(outcomes, BatchView.of(batch))));
    }

    /** SHA-256 over the batch fields and each part's field, name, declared type and bytes, each length-prefixed. */
    private static String fingerprint(List<BulkPart> parts, Optional<BatchRequest> batch) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(sha, batch.map(b -> b.type().wireName() + "/" + b.priority().wireName()).orElse("no batch"));
        update(sha, batch.map(BatchRequest::jobDescription).orElse(""));
        for (BulkPart part : parts) {
            update(sha, part.source());
            update(sha, String.valueOf(part.upload().fileName()));
            update(sha, String.valueOf(part.upload().declaredType()));
            try (InputStream in = new DigestInputStream(Files.newInputStream(part.upload().file()), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha.update(bytes);
    }

    /** Not one file of the upload could be stored: each file's reason, by the field it came in. */
    static final class NothingStored extends ProblemException {

        private final List<FileOutcome> outcomes;

        NothingStored(List<FileOutcome> outcomes) {
            super(422, "no-document-stored", "Unprocessable Content", outcomes.isEmpty()
                    ? "The upload holds no file" : "None of the " + outcomes.size() + " files could be stored");
            this.outcomes = outcomes;
        }

        @Override
        public List<FieldError> fieldErrors() {
            if (outcomes.isEmpty()) {
                return List.of(new FieldError("files", "holds no file"));
            }
            return outcomes.stream().map(outcome -> new FieldError(outcome.source(),
                    outcome.name() + ": " + outcome.refusal().getMessage() + " (" + outcome.refusal().type() + ")")).toList();
        }
    }

    /** The same keyed request is still being worked on; its answer comes to the first sender. */
    static final class InProgress extends ProblemException {

        InProgress(String key) {
            super(409, "idempotent-request-in-progress", "Conflict",
                    "A bulk upload with Idempotency-Key '" + key + "' is still being worked on; send it again when it has answered");
        }

        @Override
        public List<FieldError> fieldErrors() {
            return List.of(new FieldError("Idempotency-Key", "belongs to a request still being worked on"));
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("Retry-After", "5");
        }
    }
}
