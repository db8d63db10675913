package dev.shortlist.faults;

import static dev.shortlist.support.FaultRig.assertEveryRefusalRetryable;
import static dev.shortlist.support.FaultRig.awaitAcceptedAgain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.support.FaultRig;
import dev.shortlist.support.LlmStubServer;
import dev.shortlist.support.SteadyLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The model endpoint failing under steady submit load: hanging, refusing connections,
 * answering garbage. Submits never depend on the model, so they keep being accepted and
 * readiness stays ready. Jobs in flight are retried, deferred or failed with the model's
 * error as documented in docs/architecture.md (the exact mix is the model layer's policy); none is
 * lost or ends twice, and jobs submitted once the model is healthy again succeed, in the
 * same process.
 */
class ModelFaultIT {

    enum ModelFault { HANGING, REFUSING_CONNECTIONS, ANSWERING_GARBAGE }

    private static FaultRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = FaultRig.shared();
    }

    @ParameterizedTest(name = "model {0}")
    @EnumSource(ModelFault.class)
    void modelFaultLosesNoJobAndLeavesSubmitsAlone(ModelFault fault) throws Exception {
        try (SteadyLoad load = rig.load()) {
            rig.awaitJobsInFlight(load);
            Instant faultStart = Instant.now();
            LlmStubServer.Options healthy = rig.modelOptions();
            switch (fault) {
                case HANGING -> rig.model().options(new LlmStubServer.Options(healthy.port(), healthy.latency(),
                        healthy.apiKey(), 0, 0, 1, 0, 1));
                case REFUSING_CONNECTIONS -> rig.stopModel();
                case ANSWERING_GARBAGE -> rig.model().options(new LlmStubServer.Options(healthy.port(), healthy.latency(),
                        healthy.apiKey(), 0, 0, 1, 1, 0));
            }
            Thread.sleep(FaultRig.outage().toMillis());
            if (fault == ModelFault.REFUSING_CONNECTIONS) {
                rig.startModel();
            } else {
                rig.model().options(healthy);
            }
            Instant healed = Instant.now();
            FaultRig.note("model healthy again");
            awaitAcceptedAgain(load, healed.plusSeconds(5));
            load.close();

            assertThat(rig.readiness().all(faultStart, Instant.now(), look -> look.status() == 200))
                    .as("readiness stayed ready: the model does not gate accepting jobs").isTrue();
            assertEveryRefusalRetryable(load, false);
            rig.assertEveryAcceptedJobEndedOnce(load, Duration.ofSeconds(90), "succeeded", "failed");
            // Jobs submitted once the model had time to recover (its breaker closes within seconds) succeed.
            Set<UUID> afterRecovery = load.acceptedFrom(healed.plusSeconds(5));
            assertThat(afterRecovery).isNotEmpty();
            rig.assertEveryJobEndedOnce(afterRecovery, Duration.ofSeconds(30), "succeeded");
        }
    }
}
