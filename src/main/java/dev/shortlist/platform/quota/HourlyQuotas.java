package dev.shortlist.platform.quota;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Work per key per hour, counted in units rather than requests: documents stored (one per
 * file, however many files a request carries) and resumes submitted in batches (a batch
 * of 600 takes 600). A charge is all or nothing, so a batch larger than what is left of
 * the hour is refused whole and nothing of it is created.
 */
@ApplicationScoped
public class HourlyQuotas {

    /** What is counted. */
    public enum Kind {
        DOCUMENTS("documents-per-hour", "documents"),
        RESUMES("resumes-per-hour", "resumes");

        private final String wireName;
        private final String unit;

        Kind(String wireName, String unit) {
            this.wireName = wireName;
            this.unit = unit;
        }

        /** The limit's name in problems and in the usage answer. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * A charge that went through: where the owner stands now, and what {@link #refund} needs
     * to give it back to the same hour.
     */
    public record Charge(Allowance allowance, int units, Kind kind, String counterKey) {
    }

    private final LimitCounters counters;
    private final LimitsConfig config;
    private final Clock clock;

    HourlyQuotas(LimitCounters counters, LimitsConfig config, Clock clock) {
        this.counters = counters;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Takes {@code count} units of {@code kind} from the owner's current hour, or takes nothing
     * and fails with a 429 ({@link RateLimitedException}) naming the limit, with
     * {@code Retry-After} until the hour ends.
     */
    public Uni<Charge> charge(String owner, KeyLimits limits, Kind kind, int count) {
        long now = clock.millis();
        int limit = limit(kind, limits);
        if (!config.enabled() || count <= 0) {
            return Uni.createFrom().item(new Charge(new Allowance(true, limit, limit, Duration.ZERO, Duration.ZERO), 0, kind, null));
        }
        LimitCounters.Counter counter = counter(owner, kind, limit, now);
        return counters.take(null, List.of(counter), count).map(counted -> {
            long used = counted.counts()[0];
            Duration reset = Duration.ofMillis(Math.max(0, counter.endsAt() - now));
            int remaining = (int) Math.max(0, limit - used);
            if (!counted.allowed()) {
                throw usedUp(kind, counter, count, remaining, reset);
            }
            return new Charge(new Allowance(true, limit, remaining, reset, Duration.ZERO), count, kind, counter.key());
        });
    }

    /**
     * Fails as {@link #charge} does when nothing of the owner's hour is left, and takes
     * nothing: for work whose units are known only once it is done (the files of a bulk
     * upload that turn out to be new), so that a key already at its limit is refused
     * before the work rather than after it.
     */
    public Uni<Void> requireLeft(String owner, KeyLimits limits, Kind kind) {
        long now = clock.millis();
        int limit = limit(kind, limits);
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        LimitCounters.Counter counter = counter(owner, kind, limit, now);
        return counters.read(List.of(counter)).map(counts -> {
            if (counts.get(0) >= limit) {
                throw usedUp(kind, counter, 1, 0, Duration.ofMillis(Math.max(0, counter.endsAt() - now)));
            }
            return null;
        });
    }

    private static RateLimitedException usedUp(Kind kind, LimitCounters.Counter counter, int asked, int remaining, Duration reset) {
        return new RateLimitedException(kind.wireName, "the " + kind.wireName + " limit of " + counter.limit() + " " + kind.unit
                + " is used up: " + asked + " asked, " + remaining + " left until " + Instant.ofEpochMilli(counter.endsAt()),
                new Allowance(false, counter.limit(), remaining, reset, reset));
    }

    /** Gives a whole charge back: its documents or resumes were not created after all. */
    public Uni<Void> refund(Charge charge) {
        return refund(charge, charge.units());
    }

    /** Gives {@code units} of a charge back: part of it was not created (files of a bulk upload that were refused). */
    public Uni<Void> refund(Charge charge, int units) {
        if (charge.counterKey() == null || units <= 0) {
            return Uni.createFrom().voidItem();
        }
        return counters.giveBack(List.of(new LimitCounters.Counter(charge.counterKey(), 0, Long.MAX_VALUE)),
                Math.min(units, charge.units()));
    }

    /** Each hourly quota of the owner: limit, used, remaining and reset. */
    public Uni<List<LimitUsage>> usage(String owner, KeyLimits limits) {
        long now = clock.millis();
        List<Kind> kinds = Arrays.asList(Kind.values());
        List<LimitCounters.Counter> all = kinds.stream().map(kind -> counter(owner, kind, limit(kind, limits), now)).toList();
        return counters.read(all).map(counts -> kinds.stream().map(kind -> {
            LimitCounters.Counter counter = all.get(kind.ordinal());
            long used = counts.get(kind.ordinal());
            return new LimitUsage(kind.wireName, null, RequestLimits.KEY, counter.limit(), used, Math.max(0, counter.limit() - used),
                    Instant.ofEpochMilli(counter.endsAt()));
        }).toList());
    }

    private int limit(Kind kind, KeyLimits limits) {
        Integer own = kind == Kind.DOCUMENTS ? limits.documentsPerHour() : limits.resumesPerHour();
        if (own != null) {
            return own;
        }
        return kind == Kind.DOCUMENTS ? config.documentsPerHour() : config.resumesPerHour();
    }

    private static LimitCounters.Counter counter(String owner, Kind kind, int limit, long now) {
        return new LimitCounters.Counter("shortlist:window:key:" + owner + ":" + kind.wireName + ":" + Window.PER_HOUR.number(now), limit,
                Window.PER_HOUR.endsAt(now));
    }
}
