package dev.shortlist.jobs;

import java.util.List;

/** A batch and its ranked resumes so far: {@link ShortlistEntry} items for a score batch, {@link TailoredEntry} for a tailor one. */
public record Shortlist(Batch batch, List<? extends ShortlistItem> items) {

    /** The scored items, in rank order (none for a tailor batch). */
    public List<ShortlistEntry> scored() {
        return items.stream().filter(ShortlistEntry.class::isInstance).map(ShortlistEntry.class::cast).toList();
    }
}
