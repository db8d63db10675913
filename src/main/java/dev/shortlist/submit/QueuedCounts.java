package dev.shortlist.submit;

import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.platform.cpu.SingleFlight;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many jobs each owner has queued, for the per-owner queue cap. Counting on every
 * submit would cost a scan of the owner's backlog each time (thousands of rows after a
 * batch), so each replica trusts a count under the cap for {@link #FRESH_FOR} and adds its
 * own submits in between, and counts one owner's queue once at a time. The cap is
 * therefore approximate by a second's worth of other replicas' submits, which is what a
 * cap against runaway clients needs.
 */
@ApplicationScoped
class QueuedCounts {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** What a 429 for a full queue suggests: long enough for some of the queue to have run. */
    static final Duration QUEUE_FULL_RETRY_AFTER = Duration.ofSeconds(30);
    /** Owners remembered before the memory is cleared; far more than active keys. */
    private static final int MAX_OWNERS = 10_000;

    private record Sample(long count, long takenAtMillis) {
    }

    private final JobRepository jobs;
    private final Clock clock;
    private final JobsConfig config;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final SingleFlight<String, Long> counting = new SingleFlight<>();

    QueuedCounts(JobRepository jobs, Clock clock, JobsConfig config) {
        this.jobs = jobs;
        this.clock = clock;
        this.config = config;
    }

    /** Refuses with a 429 when the owner's queue holds {@code shortlist.jobs.owner-queued-cap} jobs. */
    Uni<Void> requireRoom(String owner) {
        int cap = config.ownerQueuedCap();
        return atCap(owner, cap).invoke(full -> {
            if (full) {
                throw new QueueFullException(cap, QUEUE_FULL_RETRY_AFTER);
            }
        }).replaceWithVoid();
    }

    /** Whether the owner has at least {@code cap} jobs queued. */
    Uni<Boolean> atCap(String owner, int cap) {
        Sample sample = samples.get(owner);
        long now = clock.millis();
        // A recent count under the cap lets the submit through; a refusal is always based on a fresh count.
        if (sample != null && now - sample.takenAtMillis() < FRESH_FOR.toMillis() && sample.count() < cap) {
            return Uni.createFrom().item(false);
        }
        return count(owner, cap, now).map(count -> count >= cap);
    }

    /** Counts the owner's queue; a burst of submits arriving while the count runs shares it. */
    private Uni<Long> count(String owner, int cap, long now) {
        return counting.run(owner, key -> jobs.countQueuedUpTo(key, cap).invoke(count -> remember(key, count, now)));
    }

    private void remember(String owner, long count, long takenAt) {
        if (samples.size() >= MAX_OWNERS) {
            samples.clear();
        }
        samples.put(owner, new Sample(count, takenAt));
    }

    /** One more job queued by this replica since the last count. */
    void queued(String owner) {
        samples.computeIfPresent(owner, (key, sample) -> new Sample(sample.count() + 1, sample.takenAtMillis()));
    }
}
