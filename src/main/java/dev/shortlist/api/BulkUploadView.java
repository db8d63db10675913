package dev.shortlist.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shortlist.documents.Document;
import dev.shortlist.documents.FileOutcome;
import dev.shortlist.platform.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a bulk upload: every file, stored or refused, and the batch started from
 * them. Kept as JSON for Idempotency-Key retries and read back, so a native image needs
 * its constructors too.
 */
@Schema(name = "BulkUpload")
@RegisterForReflection(targets = { BulkUploadView.class, BulkUploadView.FileView.class, DocumentView.OcrView.class, BatchView.class, Problem.class,
        Problem.FieldError.class })
public record BulkUploadView(
        @Schema(description = "Files received, archive entries counted one by one") int files,
        @Schema(description = "Files stored as documents (or found already stored)") int stored,
        int refused,
        @Schema(description = "Each file in the order received") List<FileView> items,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The batch started from the stored documents, when asked") BatchView batch) {

    /** One file: its document when stored, its problem when refused. */
    @Schema(name = "BulkUploadFile")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileView(
            @Schema(description = "The file's name, or its path inside the zip it came in") String name,
            @Schema(description = "Where it came in: the form part (files[0]) or body") String field,
            @Schema(description = "stored or refused") String status,
            UUID documentId,
            String mediaType,
            Integer pages,
            Integer characters,
            @Schema(description = "Present when its scanned pages or images were read by OCR") DocumentView.OcrView ocr,
            @Schema(description = "false: you had uploaded these exact bytes before") Boolean created,
            @Schema(description = "Why it was refused, as a problem detail") Problem problem) {
    }

    static BulkUploadView of(List<FileOutcome> outcomes, BatchView batch) {
        List<FileView> items = outcomes.stream().map(BulkUploadView::item).toList();
        int stored = (int) outcomes.stream().filter(FileOutcome::isStored).count();
        return new BulkUploadView(outcomes.size(), stored, outcomes.size() - stored, items, batch);
    }

    private static FileView item(FileOutcome outcome) {
        if (outcome.isStored()) {
            Document document = outcome.stored().document();
            return new FileView(outcome.name(), outcome.source(), "stored", document.id(), document.mediaType(),
                    document.pages(), document.characters(), document.ocr() == null ? null : DocumentView.OcrView.of(document.ocr()),
                    outcome.stored().created(), null);
        }
        ProblemException why = outcome.refusal();
        Problem problem = new Problem(ProblemMapper.typeUri(why.type()), why.title(), why.status(), why.detail(), null,
                List.of(new Problem.FieldError(outcome.source(), outcome.name() + ": " + why.getMessage())), why.limitName());
        return new FileView(outcome.name(), outcome.source(), "refused", null, null, null, null, null, null, problem);
    }
}
