package dev.shortlist.submit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.documents.DocumentService;
import dev.shortlist.documents.UnknownDocumentException;
import dev.shortlist.documents.postings.PostingService;
import dev.shortlist.documents.postings.UnknownPostingException;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Puts the texts a submission names in place: every uploaded document's in one query (a
 * batch names thousands), and the posting's. The result is built anew; the submission is
 * never edited. A document or posting the caller does not have is a bad field (422), not a
 * missing page.
 */
@ApplicationScoped
class InputResolver {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final DocumentService documents;
    private final PostingService postings;

    InputResolver(DocumentService documents, PostingService postings) {
        this.documents = documents;
        this.postings = postings;
    }

    /** The job's input: {@code resume} or {@code profile}, {@code jobDescription} and {@code options}, texts in place. */
    Uni<ObjectNode> job(Caller caller, JobSubmission submission) {
        if (submission.resume() != null && submission.resume().postingId() != null) {
            throw new InvalidInputException("resume.postingId", "names a job posting; a resume is text or documentId");
        }
        Map<String, GivenText> given = new LinkedHashMap<>();
        if (submission.resume() != null) {
            given.put("resume", submission.resume());
        }
        given.put("jobDescription", submission.jobDescription());
        return texts(caller, given).map(found -> {
            ObjectNode input = JSON.objectNode();
            given.forEach((field, text) -> input.set(field, found.node(field, text)));
            if (submission.profile() != null) {
                input.set("profile", submission.profile());
            }
            input.set("options", submission.options() == null ? JSON.objectNode() : submission.options());
            return input;
        });
    }

    /** The batch's job description and every resume, texts in place. */
    Uni<ResolvedBatch> batch(Caller caller, BatchSubmission submission) {
        Map<String, GivenText> given = new LinkedHashMap<>();
        for (int i = 0; i < submission.resumes().size(); i++) {
            given.put("resumes[" + i + "]", submission.resumes().get(i).resume());
        }
        given.put("jobDescription", submission.jobDescription());
        return texts(caller, given).map(found -> {
            List<ObjectNode> resumes = new ArrayList<>(submission.resumes().size());
            for (int i = 0; i < submission.resumes().size(); i++) {
                resumes.add(found.node("resumes[" + i + "]", submission.resumes().get(i).resume()));
            }
            return new ResolvedBatch(submission, found.node("jobDescription", submission.jobDescription()), resumes);
        });
    }

    /** The texts of the documents and the posting named, looked up once. */
    private Uni<Found> texts(Caller caller, Map<String, GivenText> given) {
        Set<UUID> documentIds = new LinkedHashSet<>();
        UUID postingId = null;
        for (GivenText text : given.values()) {
            if (text.documentId() != null) {
                documentIds.add(text.documentId());
            } else if (text.postingId() != null) {
                postingId = text.postingId();
            }
        }
        Uni<Optional<String>> posting = postingId == null ? Uni.createFrom().item(Optional.empty())
                : postings.textOf(caller.owner(), postingId);
        return documents.textsOf(caller.owner(), documentIds)
                .chain(documentTexts -> posting.map(postingText -> new Found(documentTexts, postingText)));
    }

    /** What the lookups found. */
    private record Found(Map<UUID, String> documentTexts, Optional<String> postingText) {

        /** {@code {"text": ...}}, or {@code {"documentId": ..., "text": ...}}, or {@code {"postingId": ..., "text": ...}}. */
        ObjectNode node(String field, GivenText given) {
            ObjectNode node = JSON.objectNode();
            if (given.documentId() != null) {
                String text = documentTexts.get(given.documentId());
                if (text == null) {
                    throw new UnknownDocumentException(field + ".documentId", given.documentId());
                }
                return node.put("documentId", given.documentId().toString()).put("text", text);
            }
            if (given.postingId() != null) {
                String text = postingText.orElseThrow(() -> new UnknownPostingException(field + ".postingId", given.postingId()));
                return node.put("postingId", given.postingId().toString()).put("text", text);
            }
            return node.put("text", given.text());
        }
    }
}
