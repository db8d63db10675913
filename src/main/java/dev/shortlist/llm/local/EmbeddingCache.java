package dev.shortlist.llm.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Embeddings kept by content: the key is the SHA-256 of the model id, the text's role
 * (query or passage) and the normalised text, so a resume seen before costs a look-up, not a
 * model run, whatever job it is scored for. Bounded, least recently used out first.
 */
final class EmbeddingCache {

    private final int capacity;
    private final Map<String, float[]> entries;

    EmbeddingCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    /** The cached vector for this key, or the computed one (computed outside the lock). */
    float[] get(String key, Supplier<float[]> compute) {
        synchronized (entries) {
            float[] hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        float[] vector = compute.get();
        synchronized (entries) {
            entries.put(key, vector);
        }
        return vector;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    static String key(String modelId, String role, String normalisedText) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(modelId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(role.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(normalisedText.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
