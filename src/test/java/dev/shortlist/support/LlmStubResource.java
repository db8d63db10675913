package dev.shortlist.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import java.util.Map;

/** Starts the stub model server and points the OpenAI-compatible provider at it. */
public class LlmStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "sk-test-stub";
    public static final String MODEL = "stub-model-1";

    private static volatile LlmStubServer stub;

    /** The running stub, for tests to script faults and count requests. */
    public static LlmStubServer stub() {
        return stub;
    }

    /** The stub with no script, no latency and no requests counted, and every circuit breaker closed again. */
    public static LlmStubServer freshStub() {
        stub.reset();
        stub.options(LlmStubServer.Options.defaults().withApiKey(API_KEY));
        CircuitBreakerMaintenance.get().resetAll();
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = LlmStubServer.start(LlmStubServer.Options.defaults().withApiKey(API_KEY));
        return Map.of(
                "shortlist.llm.provider", "openai",
                "shortlist.llm.openai.base-url", stub.baseUrl(),
                "shortlist.llm.openai.api-key", API_KEY,
                "shortlist.llm.openai.model", MODEL);
    }

    @Override
    public void stop() {
        stub.close();
    }
}
