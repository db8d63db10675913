package dev.shortlist.api;

import dev.shortlist.documents.Document;
import dev.shortlist.jobs.Listing;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of documents, metadata only; pass {@code nextCursor} as {@code cursor} for the next, null on the last page. */
@Schema(name = "DocumentList")
public record DocumentListView(List<DocumentView> items, String nextCursor) {

    static DocumentListView of(Listing<Document> page) {
        return new DocumentListView(page.items().stream().map(DocumentView::withoutText).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
