package dev.shortlist.api;

import dev.shortlist.jobs.JobPage;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of jobs; pass {@code nextCursor} as {@code cursor} for the next, null on the last page. */
@Schema(name = "JobList")
public record JobListView(List<JobView> items, String nextCursor) {

    static JobListView of(JobPage page) {
        return new JobListView(page.items().stream().map(JobView::of).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
