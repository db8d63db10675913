package dev.shortlist.llm.local;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;

/**
 * Sentence embeddings in process, on the calling thread's CPU: the quantised E5-small-v2
 * model (384 dimensions) ships inside its Maven jar with its tokenizer, so nothing is
 * downloaded at run time. E5 wants its inputs marked: "query: " for what is searched for
 * (a job description, a requirement), "passage: " for what is searched (a resume).
 *
 * <p>Texts are cut to their head before embedding: the model reads at most 512 tokens, and
 * a resume's first ~250 tokens (title, summary, skills) rank better than an average of its
 * parts. Vectors are unit length, so a dot product is their cosine.
 */
public final class SentenceEmbedder {

    /** Names the model and its version in every result's {@code model}. */
    public static final String MODEL_ID = "e5-small-v2-q@langchain4j-1.11.0-beta19";
    /** About 250 tokens of resume English. */
    static final int HEAD_CHARS = 1000;
    /** A job description's body fits the model's 512 tokens. */
    static final int QUERY_CHARS = 2000;

    private static volatile EmbeddingModel shared;

    private final EmbeddingCache cache;

    public SentenceEmbedder(int cacheEntries) {
        this.cache = new EmbeddingCache(cacheEntries);
    }

    /** A search text: a job description, a requirement, a title. */
    float[] query(String text) {
        return embed("query", text, QUERY_CHARS);
    }

    /** A searched text: a resume's head. */
    float[] passage(String text) {
        return embed("passage", text, HEAD_CHARS);
    }

    int cached() {
        return cache.size();
    }

    private float[] embed(String role, String text, int maxChars) {
        String normalised = head(text, maxChars);
        if (normalised.isEmpty()) {
            return new float[0];
        }
        return cache.get(EmbeddingCache.key(MODEL_ID, role, normalised),
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
        String collapsed = text.replaceAll("\\s+", " ").strip();
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
                    // Run on the caller's thread: the local engine's bounded pool, never the event loop.
                    model = new E5SmallV2QuantizedEmbeddingModel(Runnable::run);
                    shared = model;
                }
            }
        }
        return model;
    }
}
