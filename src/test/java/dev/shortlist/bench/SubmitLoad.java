package dev.shortlist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop submit load: sends {@code rate} score submits per second for {@code seconds},
 * on a schedule that does not wait for answers (so a slow server cannot slow the offered
 * load), and reports latency percentiles and the achieved rate. Run by bench/pipeline/submit-latency.sh.
 */
public final class SubmitLoad {

    private SubmitLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String apiKey = args.length > 3 ? args[3] : null;
        // HTTP/1.1: many connections, as many clients make; HTTP/2 would multiplex all load on one connection.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        java.util.Map<String, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        AtomicInteger sent = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            String body = "{\"type\":\"score\",\"resume\":{\"text\":\"Java developer " + n + " " + start
                    + ": Spring Boot, PostgreSQL, Kafka, Docker\"},\"jobDescription\":{\"text\":\"Java developer with Spring and Kafka\"}}";
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            long sentAt = System.nanoTime();
            pending.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 202) {
                    failures.incrementAndGet();
                    statuses.merge(error != null ? "error" : String.valueOf(response.statusCode()), 1, Integer::sum);
                } else {
                    latencies.add(System.nanoTime() - sentAt);
                }
            }));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (sent.get() < total) {
            Thread.sleep(50);
        }
        ticker.shutdown();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("offered %d/s for %d s: %d accepted, %d failed, achieved %.1f submits/s%n",
                rate, seconds, sorted.size(), failures.get(), sorted.size() / elapsed);
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 99.9),
                percentile(sorted, 100));
        if (!statuses.isEmpty()) {
            System.out.println("not accepted, by status: " + statuses);
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }
}
