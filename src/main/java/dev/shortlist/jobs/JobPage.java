package dev.shortlist.jobs;

import java.util.List;

/** One page of a listing; {@code next} is null on the last page. */
public record JobPage(List<Job> items, JobCursor next) {
}
