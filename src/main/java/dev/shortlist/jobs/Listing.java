package dev.shortlist.jobs;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing newest first, and the cursor of its last item ({@code next} is
 * null on the last page). Listings read one row more than the page holds: its presence
 * says whether there is a next page, without a count.
 */
public record Listing<T>(List<T> items, JobCursor next) {

    /** The page of {@code limit} items from the {@code limit + 1} read, and the cursor after its last one. */
    public static <T> Listing<T> of(List<T> read, int limit, Function<T, JobCursor> cursorOf) {
        return read.size() > limit
                ? new Listing<>(read.subList(0, limit), cursorOf.apply(read.get(limit - 1)))
                : new Listing<>(read, null);
    }
}
