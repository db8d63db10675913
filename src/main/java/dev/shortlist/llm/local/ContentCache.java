package dev.shortlist.llm.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the engine computed from a text, kept by the text's content: the key is the SHA-256
 * of what the value depends on (model id, role, text; or text and month), so a resume or a
 * posting seen before costs a look-up, not a model run or a second reading, whatever job it
 * is scored for. Bounded, least recently used out first. Values must be immutable: threads
 * share them.
 */
final class ContentCache<V> {

    private final int capacity;
    private final Map<String, V> entries;

    ContentCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > ContentCache.this.capacity;
            }
        };
    }

    /** The cached value for this key, or the computed one (computed outside the lock). */
    V get(String key, Supplier<V> compute) {
        synchronized (entries) {
            V hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        V value = compute.get();
        synchronized (entries) {
            entries.put(key, value);
        }
        return value;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** SHA-256 of the parts, each ended by a zero byte so that no two splits of one text meet. */
    static String key(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
