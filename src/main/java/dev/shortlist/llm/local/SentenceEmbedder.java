package dev.shortlist.llm.local;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Sentence embeddings in process, on the calling thread's CPU: the quantised E5-small-v2
 * model (384 dimensions) ships inside its Maven jar with its tokenizer, so nothing is
 * downloaded at run time. E5 wants its inputs marked: "query: " for what is searched for
 * (a job description, a requirement), "passage: " for what is searched (a resume).
 *
 * <p>Texts are cut before embedding: the model reads at most 512 tokens, and a resume is
 * read as two short views, its opening and its latest work ({@link #resume}).
 * Vectors are unit length, so a dot product is their cosine.
 */
public final class SentenceEmbedder {

    /** Names the model and its version in every result's {@code model}. */
    public static final String MODEL_ID = "e5-small-v2-q@langchain4j-1.11.0-beta19";
    /** About 125 tokens of resume English: one view of a resume. */
    static final int VIEW_CHARS = 500;
    /** A job description's body fits the model's 512 tokens. */
    static final int QUERY_CHARS = 2000;
    /** About 60 tokens: one resume line compared with a requirement. */
    static final int LINE_CHARS = 240;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static volatile EmbeddingModel shared;

    private final ContentCache<float[]> cache;

    public SentenceEmbedder(int cacheEntries) {
        this.cache = new ContentCache<>(cacheEntries);
    }

    /** A search text: a job description, a requirement, a title. */
    float[] query(String text) {
        return embed("query", text, QUERY_CHARS);
    }

    /** One line of a resume, searched for a requirement: cut to a sentence's length. */
    float[] passage(String line) {
        return embed("passage", line, LINE_CHARS);
    }

    /**
     * A resume as searched text: the mean of two views of about 125 tokens each, its opening
     * (title, summary, skills) and its latest work (the start of its experience section, or what
     * follows the opening when no section is marked). A dot product with it is the mean of the
     * two cosines. On the 24-field evaluation the two views ranked better than one 250-token
     * head, at the same model cost; averaging a whole resume ranks worse than either.
     */
    float[] resume(String text, String experience) {
        String collapsed = collapse(text);
        String opening = cut(collapsed, VIEW_CHARS);
        String work = experience.isBlank() ? cut(collapsed.substring(opening.length()).strip(), VIEW_CHARS)
                : head(experience, VIEW_CHARS);
        float[] first = embedCut("passage", opening);
        float[] second = embedCut("passage", work);
        if (first.length == 0 || second.length == 0) {
            return first.length == 0 ? second : first;
        }
        float[] mean = new float[first.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (first[i] + second[i]) / 2;
        }
        return mean;
    }

    int cached() {
        return cache.size();
    }

    private float[] embed(String role, String text, int maxChars) {
        return embedCut(role, head(text, maxChars));
    }

    /** Embeds a text already collapsed and cut, or gives its kept vector. */
    private float[] embedCut(String role, String normalised) {
        if (normalised.isEmpty()) {
            return new float[0];
        }
        return cache.get(ContentCache.key(MODEL_ID, role, normalised),
                () -> unit(model().embed(role + ": " + normalised).content().vector()));
    }

    static double cosine(float[] a, float[] b) {
        if (a.length == 0 || a.length != b.length) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** Whitespace collapsed, cut at a word boundary within maxChars. */
    static String head(String text, int maxChars) {
        return cut(collapse(text), maxChars);
    }

    private static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static String cut(String collapsed, int maxChars) {
        if (collapsed.length() <= maxChars) {
            return collapsed;
        }
        int cut = collapsed.lastIndexOf(' ', maxChars);
        return collapsed.substring(0, cut > maxChars / 2 ? cut : maxChars);
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }

    /** One model per process: it is immutable and its ONNX session is safe to share between threads. */
    private static EmbeddingModel model() {
        EmbeddingModel model = shared;
        if (model == null) {
            synchronized (SentenceEmbedder.class) {
                model = shared;
                if (model == null) {
                    model = new OneThreadE5();
                    shared = model;
                }
            }
        }
        return model;
    }

    /**
     * The jar's E5 model in an ONNX session that runs on the calling thread alone. The jar's own
     * class opens its session with ONNX Runtime's defaults: a pool of intra-op threads, one per
     * core, that spin between operators, so each embedding burnt about twice its CPU (82 ms of
     * process CPU for 42 ms on the caller) and competed with the engine's bounded pool for the
     * cores. Here the pool's threads are the only ones that embed: one ONNX thread each, no
     * spinning, the same vectors.
     */
    private static final class OneThreadE5 extends AbstractInProcessEmbeddingModel {

        private static final String MODEL = "/e5-small-v2-q.onnx";
        private static final String TOKENIZER = "/e5-small-v2-q-tokenizer.json";
        private static final int DIMENSIONS = 384;

        private final OnnxBertBiEncoder encoder;

        OneThreadE5() {
            // Run on the caller's thread: the local engine's bounded pool, never the event loop.
            super(Runnable::run);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (InputStream model = resource(MODEL); InputStream tokenizer = resource(TOKENIZER);
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                this.encoder = new OnnxBertBiEncoder(environment, environment.createSession(model.readAllBytes(), options),
                        tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedding model from its jar", e);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot open the embedding model", e);
            }
        }

        /** The model's files, from the jar that ships them (named without loading its class). */
        private static InputStream resource(String name) {
            InputStream in = E5SmallV2QuantizedEmbeddingModel.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("missing " + name + " in the E5 model's jar");
            }
            return in;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
