package dev.shortlist.platform.quota;

import dev.shortlist.platform.quota.RequestLimits.Verdict;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads spent without a Redis round trip. A caller that reads often takes several of its
 * read tokens from Redis at once (every limit at once, as for any request) and spends them
 * here, one per read, for up to {@link #LIFETIME}. The next take doubles while leases are
 * spent in full (up to {@link #MAX_SIZE}) and falls back to what was used when one is not,
 * so a client polling once a second still costs one token a read, and one polling a hundred
 * times a second costs a Redis round trip per sixteen reads.
 *
 * <p>Accuracy: a limit is never exceeded, on any number of replicas, because every token
 * spent here was taken from Redis first. Tokens a replica holds but has not spent count as
 * used meanwhile, so with R replicas a caller may be refused up to {@code R × 15} reads early,
 * for at most a second; {@code RateLimit-Remaining} counts the tokens held here as remaining.
 */
final class ReadLeases {

    static final Duration LIFETIME = Duration.ofSeconds(1);
    static final int MAX_SIZE = 16;
    /** Expired leases are swept after this many grants, so idle callers are not kept. */
    private static final int SWEEP_EVERY = 1024;

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final AtomicInteger grants = new AtomicInteger();

    /** Tokens of one caller (key and address) held here, and the verdict Redis gave when they were taken. */
    private static final class Lease {
        final int size;
        final long expiresAt;
        final Verdict verdict;
        int left;

        Lease(int size, long expiresAt, Verdict verdict) {
            this.size = size;
            this.expiresAt = expiresAt;
            this.verdict = verdict;
            this.left = size - 1;
        }
    }

    /** A read allowed from this caller's lease, or null when Redis must be asked. */
    Verdict spend(String caller, long now) {
        Lease lease = leases.get(caller);
        if (lease == null) {
            return null;
        }
        synchronized (lease) {
            if (lease.left == 0 || now >= lease.expiresAt) {
                return null;
            }
            lease.left--;
            return holding(lease.verdict, lease.left);
        }
    }

    /** How many tokens to take from Redis for this caller's next lease. */
    int nextSize(String caller) {
        Lease lease = leases.get(caller);
        if (lease == null) {
            return 1;
        }
        synchronized (lease) {
            return lease.left == 0 ? Math.min(MAX_SIZE, lease.size * 2) : Math.max(1, lease.size - lease.left);
        }
    }

    /** Redis granted {@code size} tokens (the first is spent by the read asking): the verdict that read answers. */
    Verdict granted(String caller, int size, Verdict verdict, long now) {
        Lease lease = new Lease(size, now + LIFETIME.toMillis(), verdict);
        leases.put(caller, lease);
        if (grants.incrementAndGet() % SWEEP_EVERY == 0) {
            leases.values().removeIf(old -> old.expiresAt <= now);
        }
        return holding(verdict, lease.left);
    }

    /** The verdict with the tokens still held here counted as remaining. */
    private static Verdict holding(Verdict verdict, int left) {
        Allowance taken = verdict.tightest();
        return new Verdict(true, new Allowance(true, taken.limit(), taken.remaining() + left, taken.reset(), Duration.ZERO),
                null, null);
    }
}
