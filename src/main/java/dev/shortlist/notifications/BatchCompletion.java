package dev.shortlist.notifications;

import dev.shortlist.jobs.Batch;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.ShortlistEntry;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * What a batch's completion email says: the batch, its counts, its best candidates and
 * where to see the whole shortlist. The templates under {@code templates/BatchEmails/} read it.
 *
 * @param title the first line of the job description, so a recruiter knows which role it was
 * @param top   the best scored candidates, best first (empty for batches that do not score)
 */
public record BatchCompletion(UUID id, String title, String type, int total, int succeeded, int failed, int cancelled,
        boolean cancelledByOwner, String submittedAt, String finishedAt, List<ShortlistEntry> top, String shortlistUrl) {

    private static final int TITLE_MAX_CHARS = 80;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static BatchCompletion of(Batch batch, List<ShortlistEntry> top, URI publicBaseUrl) {
        String base = publicBaseUrl.toString().replaceAll("/+$", "");
        return new BatchCompletion(batch.id(), title(batch.input().path("jobDescription").path("text").asText("")),
                batch.type().wireName(), batch.total(), batch.counts().get(JobStatus.SUCCEEDED),
                batch.counts().get(JobStatus.FAILED), batch.counts().get(JobStatus.CANCELLED), batch.cancelledAt() != null,
                when(batch.createdAt()), when(batch.finishedAt()), top, base + "/#/batches/" + batch.id());
    }

    /** The subject line: what finished, and how it went. */
    public String subject() {
        return (cancelledByOwner ? "Batch cancelled: " : "Shortlist ready: ") + title + " (" + succeeded + " succeeded, "
                + failed + " failed, " + cancelled + " cancelled)";
    }

    static String title(String jobDescription) {
        String firstLine = jobDescription.strip().lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
            return "untitled batch";
        }
        return firstLine.length() <= TITLE_MAX_CHARS ? firstLine : firstLine.substring(0, TITLE_MAX_CHARS - 1).strip() + "…";
    }

    private static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
