package dev.shortlist.jobs;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One resume of a batch's ranked shortlist: a scored one ({@link ShortlistEntry}) or a tailored one ({@link TailoredEntry}). */
@Schema(name = "ShortlistItem", oneOf = { ShortlistEntry.class, TailoredEntry.class })
public sealed interface ShortlistItem permits ShortlistEntry, TailoredEntry {

    int rank();

    String externalId();

    UUID jobId();
}
