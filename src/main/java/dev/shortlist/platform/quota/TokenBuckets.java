package dev.shortlist.platform.quota;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Token buckets shared by every replica: a bucket holds {@code limit} requests and refills
 * continuously over a minute, so a caller may burst up to the limit and then goes at the
 * refill rate. Refill and take are atomic, on Redis' own clock; without Redis each replica
 * keeps its own buckets with the same limits (see {@link LimitCounters}).
 */
@ApplicationScoped
public class TokenBuckets {

    private final LimitCounters counters;

    TokenBuckets(LimitCounters counters) {
        this.counters = counters;
    }

    /** Takes one request from the bucket named {@code bucket} holding {@code limit} per minute. */
    public Uni<Allowance> take(String bucket, int limit) {
        return run(bucket, limit, 1);
    }

    /** The bucket's state without taking from it: allowed when a request would be. */
    public Uni<Allowance> peek(String bucket, int limit) {
        return run(bucket, limit, 0);
    }

    private Uni<Allowance> run(String bucket, int limit, int cost) {
        return counters.take(bucketOf(bucket, limit), List.of(), cost).map(LimitCounters.Counted::bucket);
    }

    /** The Redis bucket behind the bucket named {@code bucket}. */
    static LimitCounters.Bucket bucketOf(String bucket, int limit) {
        return new LimitCounters.Bucket("shortlist:bucket:" + bucket, limit);
    }
}
