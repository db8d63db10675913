package dev.shortlist.api;

import dev.shortlist.jobs.Batch;
import dev.shortlist.jobs.Listing;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of batches; pass {@code nextCursor} as {@code cursor} for the next, null on the last page. */
@Schema(name = "BatchList")
public record BatchListView(List<BatchView> items, String nextCursor) {

    static BatchListView of(Listing<Batch> page) {
        return new BatchListView(page.items().stream().map(BatchView::of).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
