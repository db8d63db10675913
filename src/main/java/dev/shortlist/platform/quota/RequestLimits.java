package dev.shortlist.platform.quota;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every limit of one API request, taken at once in one Redis round trip: the key's
 * per-minute bucket of the request's route class, the key's hourly and daily windows, and
 * the hourly and daily windows of the client address (all keys from it together). A
 * request refused by any of them is counted by none.
 */
@ApplicationScoped
public class RequestLimits {

    static final String KEY = "key";
    static final String ADDRESS = "address";

    /** One window of a request: which one, whose, and its limit. */
    private record WindowLimit(Window window, String scope, String who, RouteClass routeClass, int limit) {

        LimitCounters.Counter counter(long now) {
            return new LimitCounters.Counter("shortlist:window:" + scope + ":" + who + ":" + routeClass.wireName() + ":"
                    + window.wireName() + ":" + window.number(now), limit, window.endsAt(now));
        }

        String describe() {
            return "the " + window.wireName() + " " + routeClass.wireName() + " limit of " + limit + " requests "
                    + (KEY.equals(scope) ? "for this key" : "from this client address");
        }
    }

    /**
     * The answer for one request. {@code tightest} is the limit the caller is closest to (or
     * the refusing one that frees up last), for the {@code RateLimit-*} headers;
     * {@code refusedBy} names the refusing window ({@code per-minute}, {@code per-hour},
     * {@code per-day}), null when allowed.
     */
    public record Verdict(boolean allowed, Allowance tightest, String refusedBy, String message) {
    }

    private final LimitCounters counters;
    private final LimitsConfig config;
    private final Clock clock;
    private final ReadLeases reads = new ReadLeases();

    RequestLimits(LimitCounters counters, LimitsConfig config, Clock clock) {
        this.counters = counters;
        this.config = config;
        this.clock = clock;
    }

    /** Takes one request of {@code routeClass} from every limit of {@code owner} and {@code address}, or from none. */
    public Uni<Verdict> take(String owner, String address, RouteClass routeClass, KeyLimits limits) {
        long now = clock.millis();
        if (routeClass != RouteClass.READ) {
            return take(owner, address, routeClass, limits, 1, now);
        }
        // Reads are the one class clients repeat many times a second: most are spent from a lease (see ReadLeases).
        String caller = owner + "\n" + address;
        Verdict leased = reads.spend(caller, now);
        if (leased != null) {
            return Uni.createFrom().item(leased);
        }
        int size = reads.nextSize(caller);
        return take(owner, address, routeClass, limits, size, now).chain(verdict -> {
            if (verdict.allowed()) {
                return Uni.createFrom().item(reads.granted(caller, size, verdict, now));
            }
            if (size == 1) {
                return Uni.createFrom().item(verdict);
            }
            // Fewer left than a lease would take: this read alone may still fit.
            return take(owner, address, routeClass, limits, 1, now)
                    .map(alone -> alone.allowed() ? reads.granted(caller, 1, alone, now) : alone);
        });
    }

    private Uni<Verdict> take(String owner, String address, RouteClass routeClass, KeyLimits limits, int cost, long now) {
        int perMinute = config.perMinute(routeClass, limits);
        List<WindowLimit> windows = windows(owner, address, routeClass, limits);
        return counters.take(TokenBuckets.bucketOf(owner + ":" + routeClass.wireName(), perMinute),
                        windows.stream().map(window -> window.counter(now)).toList(), cost)
                .map(counted -> verdict(counted, windows, routeClass, perMinute, now));
    }

    /** Each window of every route class for {@code owner} and {@code address}: limit, used, remaining and reset. */
    public Uni<List<LimitUsage>> usage(String owner, String address, KeyLimits limits) {
        long now = clock.millis();
        List<WindowLimit> windows = new ArrayList<>();
        for (RouteClass routeClass : RouteClass.values()) {
            windows.addAll(windows(owner, address, routeClass, limits));
        }
        return counters.read(windows.stream().map(window -> window.counter(now)).toList()).map(counts -> {
            List<LimitUsage> usage = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                WindowLimit window = windows.get(i);
                long used = counts.get(i);
                usage.add(new LimitUsage(window.window().wireName(), window.routeClass().wireName(), window.scope(), window.limit(),
                        used, Math.max(0, window.limit() - used), Instant.ofEpochMilli(window.window().endsAt(now))));
            }
            return usage;
        });
    }

    private List<WindowLimit> windows(String owner, String address, RouteClass routeClass, KeyLimits limits) {
        List<WindowLimit> windows = new ArrayList<>();
        for (Window window : Window.values()) {
            windows.add(new WindowLimit(window, KEY, owner, routeClass, config.perWindow(routeClass, window, limits)));
        }
        for (Window window : Window.values()) {
            windows.add(new WindowLimit(window, ADDRESS, address, routeClass, config.perAddress(routeClass, window)));
        }
        return windows;
    }

    private static Verdict verdict(LimitCounters.Counted counted, List<WindowLimit> windows, RouteClass routeClass, int perMinute,
            long now) {
        List<Named> answers = new ArrayList<>();
        answers.add(new Named("per-minute", counted.bucket(),
                "the " + routeClass.wireName() + " rate limit of " + perMinute + " requests per minute"));
        for (int i = 0; i < windows.size(); i++) {
            WindowLimit window = windows.get(i);
            long count = counted.counts()[i];
            boolean fits = counted.allowed() || count + 1 <= window.limit();
            Duration reset = Duration.ofMillis(Math.max(0, window.window().endsAt(now) - now));
            answers.add(new Named(window.window().wireName(),
                    new Allowance(fits, window.limit(), (int) Math.max(0, window.limit() - count), reset, fits ? Duration.ZERO : reset),
                    window.describe()));
        }
        if (counted.allowed()) {
            Named tightest = answers.stream().min(Comparator.comparingInt((Named named) -> named.allowance().remaining())
                    .thenComparing(named -> named.allowance().reset(), Comparator.reverseOrder())).orElseThrow();
            return new Verdict(true, tightest.allowance(), null, null);
        }
        Named refusing = answers.stream().filter(named -> !named.allowance().allowed())
                .max(Comparator.comparing(named -> named.allowance().retryAfter())).orElse(answers.get(0));
        return new Verdict(false, refusing.allowance(), refusing.window(), refusing.description() + " is used up");
    }

    private record Named(String window, Allowance allowance, String description) {
    }
}
