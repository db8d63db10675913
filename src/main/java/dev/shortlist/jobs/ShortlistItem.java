package dev.shortlist.jobs;

import java.util.UUID;

/** One resume of a batch's ranked shortlist: a scored one ({@link ShortlistEntry}) or a tailored one ({@link TailoredEntry}). */
public sealed interface ShortlistItem permits ShortlistEntry, TailoredEntry {

    int rank();

    String externalId();

    UUID jobId();
}
