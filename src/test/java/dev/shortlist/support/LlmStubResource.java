package dev.shortlist.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Starts the stub model server and points the OpenAI-compatible provider at it. */
public class LlmStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "sk-test-stub";
    public static final String MODEL = "stub-model-1";

    private static final String CANCEL_UNFINISHED = """
            UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, finished_at = now()
            WHERE status IN ('queued', 'running')
            """;
    /** A fresh database has no jobs table before the first start migrates it. */
    private static final String UNDEFINED_TABLE = "42P01";

    private static volatile LlmStubServer stub;

    /** The running stub, for tests to script faults and count requests. */
    public static LlmStubServer stub() {
        return stub;
    }

    /**
     * The stub with no script, no latency and no requests counted, every circuit breaker
     * closed again, and no job of an earlier test still queued for a retry that would
     * reach the stub during this one.
     */
    public static LlmStubServer freshStub() {
        cancelJobsLeftQueued();
        stub.reset();
        stub.options(LlmStubServer.Options.defaults().withApiKey(API_KEY));
        CircuitBreakerMaintenance.get().resetAll();
        return stub;
    }

    @Override
    public Map<String, String> start() {
        cancelJobsLeftQueued();
        stub = LlmStubServer.start(LlmStubServer.Options.defaults().withApiKey(API_KEY));
        return Map.of(
                "shortlist.llm.provider", "openai",
                "shortlist.llm.openai.base-url", stub.baseUrl(),
                "shortlist.llm.openai.api-key", API_KEY,
                "shortlist.llm.openai.model", MODEL);
    }

    /**
     * Jobs other test classes left queued would run here against the stub, taking its
     * scripted faults and quota; their tests are over, so they are cancelled first.
     */
    private static void cancelJobsLeftQueued() {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(CANCEL_UNFINISHED);
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new IllegalStateException("could not clear the queue for the stub's tests", e);
            }
        }
    }

    @Override
    public void stop() {
        stub.close();
    }
}
