package dev.shortlist.platform.quota;

import static dev.shortlist.support.Jobs.awaitEnd;
import static dev.shortlist.support.Jobs.scoreRequest;
import static dev.shortlist.support.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shortlist.platform.redis.RedisGuard;
import dev.shortlist.support.JobDescriptions;
import dev.shortlist.support.LlmStubProfile;
import dev.shortlist.support.LlmStubResource;
import dev.shortlist.support.LlmStubServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LlmStubProfile.class)
class LlmQuotaTest {

    private static final Pattern QUOTA_WAITS = Pattern.compile(
            "shortlist_llm_quota_waits_total\\{limit=\"requests-per-minute\"} ([0-9.]+)");

    private LlmStubServer stub;

    @BeforeEach
    void freshStub() {
        stub = LlmStubResource.freshStub();
    }

    @Test
    void jobsBeyondTheQuotaWaitForTheNextWindowAndThenCompleteWithoutFailing() {
        double waitsBefore = quotaWaits();

        // Eight jobs against three requests per window: whatever the timing, some must wait.
        List<String> ids = IntStream.range(0, 8)
                .mapToObj(i -> submit(scoreRequest("Kim Park — Java, Kubernetes. Ref " + UUID.randomUUID(),
                        JobDescriptions.JAVA_DEVELOPER)))
                .toList();

        for (String id : ids) {
            JsonPath job = awaitEnd(id);
            assertThat(job.getString("status")).isEqualTo("succeeded");
            assertThat(job.getString("result.engine")).isEqualTo("openai");
            assertThat(job.getInt("attempts")).as("waiting for quota spends no attempt").isEqualTo(1);
            assertThat(job.getString("error")).isNull();
        }
        assertThat(stub.requestCount()).isEqualTo(8);
        assertThat(quotaWaits()).isGreaterThan(waitsBefore);
    }

    @Test
    void theModelNeverSeesMoreCallsInAWindowThanTheQuotaRetriesAndRepairsIncluded() {
        // Server errors make retries, malformed replies make repairs: each is a call the quota must count.
        stub.enqueue(new LlmStubServer.Status(500), new LlmStubServer.MalformedContent(), new LlmStubServer.Status(503),
                new LlmStubServer.MalformedContent(), new LlmStubServer.Status(500), new LlmStubServer.MalformedContent());

        List<String> ids = IntStream.range(0, 6)
                .mapToObj(i -> submit(scoreRequest("Ana Ruiz — Java, Kafka. Ref " + UUID.randomUUID(),
                        JobDescriptions.JAVA_DEVELOPER)))
                .toList();
        ids.forEach(id -> assertThat(awaitEnd(id).getString("status")).isEqualTo("succeeded"));

        assertThat(stub.requestCount()).as("retries and repairs were made").isGreaterThanOrEqualTo(12);
        assertThat(stub.maxCallsInAnyWindow(quotaConfig.minute())).isLessThanOrEqualTo(3);
    }

    @Inject
    LlmQuota quota;

    @Inject
    LlmQuotaConfig quotaConfig;

    @Inject
    RedisGuard redis;

    @Inject
    Clock clock;

    @Test
    void twoReplicasTakingAtOnceNeverGrantMoreThanTheLimitInAWindow() {
        LlmQuota otherReplica = new LlmQuota(redis, quotaConfig, clock);
        // Once the earlier tests' calls have left the rolling window, none of them counts against these.
        await().atMost(Duration.ofSeconds(60)).until(() -> noCallInTheWindow(quota));

        List<QuotaGrant> grants = Uni.join().all(IntStream.range(0, 20)
                        .mapToObj(i -> (i % 2 == 0 ? quota : otherReplica).take("replica-test", 100))
                        .toList())
                .andFailFast().await().atMost(Duration.ofSeconds(10));

        Map<Long, Long> grantedPerWindow = grants.stream().filter(QuotaGrant::granted)
                .collect(Collectors.groupingBy(QuotaGrant::minuteWindow, Collectors.counting()));
        assertThat(grantedPerWindow).isNotEmpty();
        assertThat(grantedPerWindow.values()).allSatisfy(granted -> assertThat(granted).isLessThanOrEqualTo(3));
        assertThat(grants).filteredOn(grant -> !grant.granted())
                .isNotEmpty()
                .allSatisfy(denied -> {
                    assertThat(denied.limit()).isEqualTo("requests-per-minute");
                    assertThat(denied.waitFor()).isPositive()
                            .isLessThanOrEqualTo(quotaConfig.minute().plus(quotaConfig.windowMargin()));
                });
    }

    @Test
    void aKeyPastItsTokensPerMinuteOrItsCostForTheDayWaitsWhileOtherKeysGoOn() {
        LlmQuota perKey = new LlmQuota(redis, new PerKeyLimits(quotaConfig, 1_000, new java.math.BigDecimal("0.01")),
                clock);
        String spender = "key-" + UUID.randomUUID();
        String other = "key-" + UUID.randomUUID();

        QuotaGrant first = perKey.take(spender, 600).await().atMost(Duration.ofSeconds(10));
        QuotaGrant overTokens = perKey.take(spender, 600).await().atMost(Duration.ofSeconds(10));
        assertThat(first.granted()).isTrue();
        assertThat(overTokens.granted()).isFalse();
        assertThat(overTokens.limit()).isEqualTo("tokens-per-minute-per-key");
        assertThat(perKey.take(other, 600).await().atMost(Duration.ofSeconds(10)).granted()).isTrue();

        perKey.settle(spender, first, 600, 500, 100, new java.math.BigDecimal("0.012")).await().atMost(Duration.ofSeconds(10));
        QuotaGrant overCost = perKey.take(spender, 1).await().atMost(Duration.ofSeconds(10));
        assertThat(overCost.granted()).isFalse();
        assertThat(overCost.limit()).isEqualTo("cost-per-key-per-day");
        assertThat(overCost.waitFor()).as("until midnight UTC").isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
        KeyLlmUsage usage = perKey.usageToday(spender).await().atMost(Duration.ofSeconds(10));
        assertThat(usage).isEqualTo(new KeyLlmUsage(1, 500, 100, new java.math.BigDecimal("0.012000")));
    }

    /** The profile's quota with per-key limits added. */
    private record PerKeyLimits(LlmQuotaConfig base, long keyTokensPerMinute, java.math.BigDecimal keyCostPerDay)
            implements LlmQuotaConfig {

        @Override
        public java.util.Optional<Integer> requestsPerMinute() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<Long> tokensPerMinute() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<Integer> requestsPerDay() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<Long> tokensPerMinutePerKey() {
            return java.util.Optional.of(keyTokensPerMinute);
        }

        @Override
        public java.util.Optional<java.math.BigDecimal> costPerKeyPerDay() {
            return java.util.Optional.of(keyCostPerDay);
        }

        /** An hour-long "minute", so the test's takes cannot straddle two windows. */
        @Override
        public Duration minute() {
            return Duration.ofHours(1);
        }

        @Override
        public Duration windowMargin() {
            return base.windowMargin();
        }

        @Override
        public Duration fallbackAfter() {
            return base.fallbackAfter();
        }
    }

    @Test
    void tokensAndCostAreExportedByModel() {
        awaitEnd(submit(scoreRequest("Lee Chan — Go and Java. Ref " + UUID.randomUUID(), JobDescriptions.JAVA_DEVELOPER)));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern("shortlist_llm_tokens_total\\{direction=\"in\",model=\"stub-model-1\"} [1-9]");
        assertThat(metrics).containsPattern("shortlist_llm_tokens_total\\{direction=\"out\",model=\"stub-model-1\"} [1-9]");
        assertThat(metrics).containsPattern("shortlist_llm_cost_usd_total\\{model=\"stub-model-1\"} [0-9.E-]*[1-9]");
        assertThat(metrics).contains("shortlist_llm_calls_total{engine=\"openai\",model=\"stub-model-1\"}");
    }

    private static double quotaWaits() {
        Matcher matcher = QUOTA_WAITS.matcher(given().get("/q/metrics").then().extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static boolean noCallInTheWindow(LlmQuota quota) {
        Long recent = quota.usage().await().atMost(Duration.ofSeconds(5)).requestsThisMinute();
        return recent != null && recent == 0;
    }

}
