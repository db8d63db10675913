package dev.shortlist.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that wait for jobs, for bench/busy/run.sh. Two modes:
 *
 * <pre>
 * streams   BASE KEY IDS_FILE HOLD_SECONDS   opens one event stream per job id in IDS_FILE (one per line), all at
 *                                            once; reports how many were answered 200 with a first event, refused
 *                                            (by status) or failed, and how long opening took; holds them
 *                                            HOLD_SECONDS, reporting how many are still open, then closes them.
 * realistic BASE KEY JOBS CONNECTIONS       submits JOBS score jobs over CONNECTIONS closed-loop connections,
 *                                            then waits for each with long polls (Prefer: wait=60) over the same
 *                                            number of connections; reports submits/s, end-to-end jobs/s and
 *                                            how many ended in each status.
 * </pre>
 *
 * One Vert.x event loop drives every connection, so ten thousand streams cost the client little.
 */
public final class WaitingClients {

    private WaitingClients() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        String key = args[2];
        Vertx vertx = Vertx.vertx();
        try {
            if (args[0].equals("streams")) {
                streams(vertx, base, key, Files.readAllLines(Path.of(args[3])), Integer.parseInt(args[4]));
            } else {
                realistic(vertx, base, key, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static HttpClient client(Vertx vertx, int connections) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    private static RequestOptions request(URI base, HttpMethod method, String path, String key) {
        return new RequestOptions().setMethod(method).setHost(base.getHost()).setPort(base.getPort()).setURI(path)
                .putHeader("Authorization", "Bearer " + key);
    }

    private static void streams(Vertx vertx, URI base, String key, List<String> ids, int holdSeconds) throws Exception {
        HttpClient http = client(vertx, ids.size());
        AtomicInteger open = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
        CountDownLatch answered = new CountDownLatch(ids.size());
        long start = System.nanoTime();
        for (String id : ids) {
            http.request(request(base, HttpMethod.GET, "/api/v1/jobs/" + id.strip() + "/events", key)
                            .putHeader("Accept", "text/event-stream"))
                    .compose(request -> request.send())
                    .onSuccess(response -> {
                        if (response.statusCode() != 200) {
                            refused.computeIfAbsent(String.valueOf(response.statusCode()), s -> new AtomicInteger()).incrementAndGet();
                            answered.countDown();
                            return;
                        }
                        boolean[] first = {true};
                        response.handler(chunk -> {
                            if (first[0] && chunk.toString().contains("data:")) {
                                first[0] = false;
                                open.incrementAndGet();
                                answered.countDown();
                            }
                        });
                        response.endHandler(done -> ended.incrementAndGet());
                    })
                    .onFailure(failure -> {
                        refused.computeIfAbsent(failure.getClass().getSimpleName(), s -> new AtomicInteger()).incrementAndGet();
                        answered.countDown();
                    });
        }
        boolean all = answered.await(120, TimeUnit.SECONDS);
        System.out.printf("streams: %d asked, %d answered 200 with a first event in %.1f s%s, refused or failed: %s%n",
                ids.size(), open.get(), (System.nanoTime() - start) / 1e9, all ? "" : " (not all answered within 120 s)", refused);
        Thread.sleep(holdSeconds * 1000L);
        System.out.printf("streams: after %d s held, %d still open (%d ended by the server)%n", holdSeconds,
                open.get() - ended.get(), ended.get());
        http.close();
    }

    private static void realistic(Vertx vertx, URI base, String key, int jobs, int connections) throws Exception {
        HttpClient http = client(vertx, connections);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        CountDownLatch submitted = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            submitNext(http, base, key, jobs, next, ids, failed, submitted, start);
        }
        submitted.await();
        double submitSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger waitingFor = new AtomicInteger();
        CountDownLatch waited = new CountDownLatch(connections);
        List<String> toWait = new ArrayList<>(ids);
        for (int c = 0; c < connections; c++) {
            waitNext(http, base, key, toWait, waitingFor, outcomes, waited);
        }
        waited.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("realistic: %d submitted in %.1f s (%.0f/s, %d refused), all ended after %.1f s: %.0f jobs/s end to end; %s%n",
                ids.size(), submitSeconds, ids.size() / submitSeconds, failed.get(), seconds, ids.size() / seconds, outcomes);
        http.close();
    }

    private static void submitNext(HttpClient http, URI base, String key, int jobs, AtomicInteger next, List<String> ids,
            AtomicInteger failed, CountDownLatch done, long start) {
        int n = next.getAndIncrement();
        if (n >= jobs) {
            done.countDown();
            return;
        }
        String body = new JsonObject().put("type", "score")
                .put("resume", new JsonObject().put("text", "Java developer " + n + " " + start + ": Spring Boot, PostgreSQL, Kafka"))
                .put("jobDescription", new JsonObject().put("text", "Java developer with Spring and Kafka")).encode();
        Future<String> id = http.request(request(base, HttpMethod.POST, "/api/v1/jobs", key)
                        .putHeader("Content-Type", "application/json"))
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(buffer -> response.statusCode() == 202
                        ? buffer.toJsonObject().getString("id") : null));
        id.onComplete(result -> {
            if (result.succeeded() && result.result() != null) {
                ids.add(result.result());
            } else {
                failed.incrementAndGet();
            }
            submitNext(http, base, key, jobs, next, ids, failed, done, start);
        });
    }

    private static void waitNext(HttpClient http, URI base, String key, List<String> ids, AtomicInteger next,
            Map<String, AtomicInteger> outcomes, CountDownLatch done) {
        int n = next.getAndIncrement();
        if (n >= ids.size()) {
            done.countDown();
            return;
        }
        waitFor(http, base, key, ids.get(n), outcomes, () -> waitNext(http, base, key, ids, next, outcomes, done));
    }

    /** Long polls one job until it has ended. */
    private static void waitFor(HttpClient http, URI base, String key, String id, Map<String, AtomicInteger> outcomes,
            Runnable then) {
        http.request(request(base, HttpMethod.GET, "/api/v1/jobs/" + id, key).putHeader("Prefer", "wait=60"))
                .compose(request -> request.send())
                .compose(response -> response.body().map(buffer -> response.statusCode() == 200
                        ? buffer.toJsonObject().getString("status") : "http-" + response.statusCode()))
                .onComplete(result -> {
                    String status = result.succeeded() ? result.result() : "error";
                    if (status.equals("queued") || status.equals("running")) {
                        waitFor(http, base, key, id, outcomes, then);
                        return;
                    }
                    if (status.equals("http-503")) {
                        // Refused by admission control: retry after its Retry-After, as a client should.
                        outcomes.computeIfAbsent("refused-503-then-retried", s -> new AtomicInteger()).incrementAndGet();
                        Vertx.currentContext().owner().setTimer(1_000, timer -> waitFor(http, base, key, id, outcomes, then));
                        return;
                    }
                    outcomes.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    then.run();
                });
    }
}
