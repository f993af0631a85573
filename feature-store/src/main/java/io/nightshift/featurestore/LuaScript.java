package io.nightshift.featurestore;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script shipped next to this class, run by its SHA-1 so the normal case is one EVALSHA
 * of a few bytes. When Redis does not know the script (restarted, or SCRIPT FLUSH), the one
 * fallback is EVAL with the body, which also puts it back into the server's script cache.
 * No SCRIPT LOAD at startup: the store must be creatable while Redis is down.
 */
record LuaScript(String name, byte[] body, byte[] sha) {

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the feature-store jar");
            }
            byte[] body = in.readAllBytes();
            byte[] sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body))
                    .getBytes(StandardCharsets.US_ASCII);
            return new LuaScript(name, body, sha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    Object run(UnifiedJedis jedis, List<byte[]> keys, List<byte[]> args) {
        try {
            return jedis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return jedis.eval(body, keys, args);
        }
    }
}
