package dev.shortlist.documents.postings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.documents.DocumentService;
import dev.shortlist.documents.TextNormalizer;
import dev.shortlist.documents.UnknownDocumentException;
import dev.shortlist.jobs.BatchesConfig;
import dev.shortlist.jobs.JobCursor;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.jobs.StorableJson;
import dev.shortlist.llm.LocalProvider;
import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.llm.local.StoredJob;
import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.platform.problem.NotFoundException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Job postings kept once: the text is read by the local engine when the posting is created
 * (on the CPU pool), and the reading is stored with it, so the jobs that name the posting
 * score against the stored reading instead of reading the text again.
 */
@ApplicationScoped
public class PostingService {

    /** Where a posting's text comes from, as asked: its text, or an uploaded document's. */
    public record Draft(String title, String text, UUID documentId, String externalId) {
    }

    /** One page of postings, newest first; {@code next} is null on the last. */
    public record Page(List<Posting> items, JobCursor next) {
    }

    private final PostingRepository postings;
    private final DocumentService documents;
    private final LocalProvider engine;
    private final CpuPool cpu;
    private final JobsConfig jobsConfig;
    private final BatchesConfig batchesConfig;
    private final PostingsConfig config;
    private final Map<UUID, Cached> readings;

    /** A decoded reading and whose it is. */
    private record Cached(String owner, LocalScorer.Job reading) {
    }

    PostingService(PostingRepository postings, DocumentService documents, LocalProvider engine, CpuPool cpu,
            JobsConfig jobsConfig, BatchesConfig batchesConfig, PostingsConfig config) {
        this.postings = postings;
        this.documents = documents;
        this.engine = engine;
        this.cpu = cpu;
        this.jobsConfig = jobsConfig;
        this.batchesConfig = batchesConfig;
        this.config = config;
        int capacity = Math.max(0, config.readingCache());
        this.readings = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Stores the posting with the engine's reading of its text. */
    public Uni<Posting> create(String owner, Draft draft) {
        return textOf(owner, draft)
                .emitOn(cpu.executor())
                .map(text -> {
                    check(draft, text);
                    String normalised = TextNormalizer.normalize(text);
                    StoredJob.Form read = engine.readJobDescription(normalised);
                    String title = draft.title() != null && !draft.title().isBlank() ? draft.title().strip()
                            : read.reading().path("titleText").asText("");
                    return new Prepared(new Posting(UUID.randomUUID(), owner, title.isEmpty() ? null : title,
                            draft.externalId(), draft.documentId(), normalised, read.reading(), LocalProvider.MODEL, null),
                            read.embeddings());
                })
                .chain(prepared -> postings.insert(prepared.posting(), prepared.embeddings()))
                .invoke(posting -> Log.debugf("Posting %s stored for %s (%d chars)", posting.id(), posting.owner(),
                        posting.text().length()));
    }

    private record Prepared(Posting posting, byte[] embeddings) {
    }

    public Uni<Posting> find(String owner, UUID id) {
        return postings.findOwned(id, owner).map(found -> found.orElseThrow(() -> new NotFoundException("posting", id)));
    }

    public Uni<Page> list(String owner, JobCursor after, int limit) {
        return postings.list(owner, after, limit + 1).map(found -> found.size() > limit
                ? new Page(found.subList(0, limit), cursorAfter(found.get(limit - 1)))
                : new Page(found, null));
    }

    /** The text of one of the caller's postings; empty when the caller has no posting by that id. */
    public Uni<Optional<String>> textOf(String owner, UUID id) {
        return postings.findOwned(id, owner).map(found -> found.map(Posting::text));
    }

    /**
     * The stored reading of the posting a job's job description came from, or a null item
     * when it came from text, the posting is gone, or another engine version read it: then
     * the engine reads the job's own copy of the text, with the same result.
     */
    public Uni<LocalScorer.Job> readingFor(String owner, JsonNode jobDescription) {
        if (!jobDescription.hasNonNull("postingId")) {
            return Uni.createFrom().nullItem();
        }
        UUID id = UUID.fromString(jobDescription.get("postingId").asText());
        Cached cached;
        synchronized (readings) {
            cached = readings.get(id);
        }
        if (cached != null && cached.owner().equals(owner)) {
            return Uni.createFrom().item(cached.reading());
        }
        return postings.reading(id, owner)
                .emitOn(cpu.executor())
                .map(found -> found.filter(stored -> LocalProvider.MODEL.equals(stored.readBy()))
                        .map(stored -> decode(id, owner, stored))
                        .orElse(null));
    }

    /** Drops a deleted posting's reading from memory. */
    public void forget(UUID id) {
        synchronized (readings) {
            readings.remove(id);
        }
    }

    private LocalScorer.Job decode(UUID id, String owner, PostingRepository.StoredReading stored) {
        try {
            LocalScorer.Job reading = StoredJob.read(stored.reading(), stored.embeddings());
            synchronized (readings) {
                readings.put(id, new Cached(owner, reading));
            }
            return reading;
        } catch (IllegalArgumentException e) {
            Log.warnf("Posting %s: its stored reading is unusable (%s); the job reads the text instead", id, e.getMessage());
            return null;
        }
    }

    private Uni<String> textOf(String owner, Draft draft) {
        if (draft.documentId() == null) {
            return Uni.createFrom().item(draft.text());
        }
        return documents.textsOf(owner, Set.of(draft.documentId())).map(texts -> {
            String text = texts.get(draft.documentId());
            if (text == null) {
                throw new UnknownDocumentException("documentId", draft.documentId());
            }
            return text;
        });
    }

    private void check(Draft draft, String text) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        String field = draft.documentId() == null ? "text" : "documentId";
        if (text == null || text.isBlank()) {
            violations.add(new InvalidInputException.Violation(field, "must not be blank"));
        } else if (text.length() > jobsConfig.jobDescriptionMaxChars()) {
            violations.add(new InvalidInputException.Violation(field,
                    "is " + text.length() + " characters long; the limit is " + jobsConfig.jobDescriptionMaxChars()));
        } else {
            String why = StorableJson.unstorableText(text);
            if (why != null) {
                violations.add(new InvalidInputException.Violation(field, why));
            }
        }
        if (draft.title() != null) {
            if (draft.title().length() > config.titleMaxChars()) {
                violations.add(new InvalidInputException.Violation("title", "is longer than " + config.titleMaxChars() + " characters"));
            }
            unstorable("title", draft.title(), violations);
        }
        if (draft.externalId() != null) {
            if (draft.externalId().length() > batchesConfig.externalIdMaxChars()) {
                violations.add(new InvalidInputException.Violation("externalId",
                        "is longer than " + batchesConfig.externalIdMaxChars() + " characters"));
            }
            unstorable("externalId", draft.externalId(), violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static void unstorable(String field, String text, List<InvalidInputException.Violation> violations) {
        String why = StorableJson.unstorable(text);
        if (why != null) {
            violations.add(new InvalidInputException.Violation(field, why));
        }
    }

    private static JobCursor cursorAfter(Posting posting) {
        return new JobCursor(posting.createdAt(), posting.id());
    }
}
