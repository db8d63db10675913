package dev.shortlist.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.JobTracing;
import dev.shortlist.llm.local.LocalScorer;
import dev.shortlist.llm.local.ResumeTailor;
import dev.shortlist.llm.local.ResumeWriter;
import dev.shortlist.llm.local.ScoreReport;
import dev.shortlist.llm.local.ScoringPolicy;
import dev.shortlist.llm.local.SentenceEmbedder;
import dev.shortlist.llm.local.StoredJob;
import dev.shortlist.llm.local.Vocabulary;
import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.platform.cpu.OffEventLoop;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;

/**
 * The deterministic engine in plain Java: no key, no network, the same answer every time.
 * Its work is CPU-bound, so it runs on a small pool of its own rather than the event loop
 * or the shared worker pool.
 */
@ApplicationScoped
@Typed(LocalProvider.class)
public class LocalProvider implements LlmProvider {

    public static final String ENGINE = "local";
    /** The engine's version and the embedding model's: a result names both, and the cache keys on them. */
    public static final String MODEL = "shortlist-local-5+" + SentenceEmbedder.MODEL_ID;

    private final LocalScorer scorer;
    private final ScoringPolicy policy;
    private final ResumeTailor tailor;
    private final ResumeWriter writer;
    private final ObjectMapper json;
    private final Clock clock;
    private final CpuPool cpu;
    private final JobTracing tracing;

    public LocalProvider(ObjectMapper json, LlmConfig config, Clock clock, CpuPool cpu, JobTracing tracing) {
        this.tracing = tracing;
        this.json = json;
        this.clock = clock;
        Vocabulary skills = Vocabulary.skills();
        this.policy = config.local().policy();
        this.scorer = new LocalScorer(skills, Vocabulary.titles(), config.local().policy(),
                new SentenceEmbedder(config.local().embeddingCache()), config.local().readingCache());
        this.tailor = new ResumeTailor(scorer, skills);
        this.writer = new ResumeWriter(scorer, skills);
        this.cpu = cpu;
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Uni<Completion> complete(LlmRequest request) {
        return tracing.step(JobTracing.LOCAL_ENGINE, () -> cpu.run(() -> answer(request)));
    }

    private Completion answer(LlmRequest request) {
        OffEventLoop.check("The local engine");
        YearMonth today = YearMonth.now(clock);
        // A stored posting was read once, when it was created; a text is read now.
        LocalScorer.Job job = request.jobReading() != null ? request.jobReading() : scorer.job(request.document("jobDescription"));
        ScoringPolicy weighed = policy.withWeights(request.weights());
        Object result = switch (request.task()) {
            // A score never depends on the day it is computed: "present" is the engine's reference month.
            case "score" -> scorer.score(scorer.read(request.document("resume"), LocalScorer.REFERENCE_MONTH), job, weighed);
            case "tailor" -> tailor.tailor(request.document("resume"), job, today);
            case "generate" -> writer.write(profile(request.document("profile")), job, today);
            default -> throw new LlmException("unsupported_task", "the local engine cannot do " + request.task(), false);
        };
        ObjectNode output = json.valueToTree(result);
        if (result instanceof ScoreReport) {
            // The weights the score was made under, the caller's and the engine's own, kept with it for whoever checks it.
            output.set("weights", json.valueToTree(weighed.weights()));
        }
        return new Completion(output, ENGINE, MODEL, 0, 0, BigDecimal.ZERO);
    }

    /**
     * Reads a job description as the engine will score against it: what a stored posting keeps
     * so that its jobs skip the reading. CPU work (embeddings): call it on the CPU pool.
     */
    public StoredJob.Form readJobDescription(String text) {
        OffEventLoop.check("Reading a job description");
        return StoredJob.write(scorer.job(text));
    }

    private JsonNode profile(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LlmException("invalid_input", "the profile is not valid JSON", false);
        }
    }
}
