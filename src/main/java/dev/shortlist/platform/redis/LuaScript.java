package dev.shortlist.platform.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run atomically in Redis, named by its SHA-1 so that a call sends the digest
 * ({@code EVALSHA}) rather than the whole text, and Redis need not hash the text again on
 * every call.
 */
public record LuaScript(String text, String sha) {

    public static LuaScript of(String text) {
        try {
            return new LuaScript(text, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
