package dev.shortlist.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop submit load: sends {@code rate} score submits per second for {@code seconds}, on a
 * schedule that does not wait for answers (a slow server cannot slow the offered load), and
 * reports latency percentiles and the achieved rate. A request's latency counts from when the
 * schedule meant to send it, so time spent waiting for a free connection is counted too.
 *
 * <p>One Vert.x event loop and at most {@code connections} (default 64) keep-alive HTTP/1.1
 * connections, as a proxy or an application server in front of the service would hold: the
 * client stays a small share of the machine's CPU, so on a two-core box the figures are the
 * service's, not the load generator's.
 *
 * <p>Before the schedule starts it opens its connections and warms its own request path on
 * readiness checks (not submits), so the figures do not include the load generator's cold start.
 *
 * <p>{@code SubmitLoad <base> <rate> <seconds> [api key] [connections]}
 */
public final class SubmitLoad {

    private static final long TIMEOUT_MS = 30_000;
    private static final long SLOW_MS = 100;

    private SubmitLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String apiKey = args.length > 3 ? args[3] : null;
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        int total = rate * seconds;

        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        // All state is touched on the one event loop of the client's context: no locks.
        List<Long> latencies = new ArrayList<>(total);
        Map<String, Integer> refused = new TreeMap<>();
        int[] sent = {0};
        int[] ended = {0};
        // When the slow answers came: how many took over SLOW_MS, by second of the run.
        int[] slowBySecond = new int[seconds + 1];
        warmUp(http, base, connections);
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        String prefix = "{\"type\":\"score\",\"resume\":{\"text\":\"Java developer ";
        String suffix = ": Spring Boot, PostgreSQL, Kafka, Docker\"},\"jobDescription\":{\"text\":\"Java developer with Spring and Kafka\"}}";

        vertx.runOnContext(ignored -> vertx.setPeriodic(1, tick -> {
            long now = System.nanoTime();
            // Every request whose time has come, each stamped with the moment it was due.
            while (sent[0] < total && start + sent[0] * periodNanos <= now) {
                int n = sent[0]++;
                long due = start + n * periodNanos;
                RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost())
                        .setPort(base.getPort()).setURI("/api/v1/jobs").setTimeout(TIMEOUT_MS)
                        .putHeader("Content-Type", "application/json");
                if (apiKey != null) {
                    request.putHeader("Authorization", "Bearer " + apiKey);
                }
                Buffer body = Buffer.buffer(prefix + n + " " + start + suffix);
                http.request(request)
                        .compose(req -> req.send(body))
                        .compose(response -> response.body().map(ignoredBody -> response.statusCode()))
                        .onComplete(result -> {
                            if (result.succeeded() && result.result() == 202) {
                                long latency = System.nanoTime() - due;
                                latencies.add(latency);
                                if (latency > SLOW_MS * 1_000_000) {
                                    slowBySecond[Math.min(seconds, n / rate)]++;
                                }
                            } else {
                                refused.merge(result.succeeded() ? String.valueOf(result.result()) : "error", 1, Integer::sum);
                            }
                            if (++ended[0] == total) {
                                done.countDown();
                            }
                        });
            }
            if (sent[0] >= total) {
                vertx.cancelTimer(tick);
            }
        }));
        done.await(seconds + TIMEOUT_MS / 1000 + 10, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        int failed = refused.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("offered %d/s for %d s: %d accepted, %d failed, achieved %.1f submits/s%n",
                rate, seconds, sorted.size(), failed, sorted.size() / elapsed);
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 99.9),
                percentile(sorted, 100));
        if (!refused.isEmpty()) {
            System.out.println("not accepted, by status: " + refused);
        }
        StringBuilder slow = new StringBuilder();
        for (int second = 0; second <= seconds; second++) {
            if (slowBySecond[second] > 0) {
                slow.append(' ').append(second).append(':').append(slowBySecond[second]);
            }
        }
        if (!slow.isEmpty()) {
            System.out.println("over " + SLOW_MS + " ms, by second sent (second:count):" + slow);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Opens the client's connections and runs its own request path a few thousand times before
     * the schedule starts (readiness checks, not submits), so a cold load generator's first
     * second is not counted as the service's latency.
     */
    private static void warmUp(HttpClient http, URI base, int connections) throws Exception {
        for (int round = 0; round < 50; round++) {
            CountDownLatch answered = new CountDownLatch(connections);
            for (int i = 0; i < connections; i++) {
                http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(base.getPort())
                                .setURI("/q/health/live").setTimeout(TIMEOUT_MS))
                        .compose(req -> req.send().compose(response -> response.body()))
                        .onComplete(ignored -> answered.countDown());
            }
            answered.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
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
