package io.nightshift.featurestore;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.ByteArrayOutputStream;
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

    /**
     * A script with other files put in front of it: a script sent to Redis is one chunk and cannot
     * import another, so functions several scripts use live in one file and are loaded into each.
     */
    static LuaScript load(String name, String... preludes) {
        try {
            var text = new ByteArrayOutputStream();
            for (String prelude : preludes) {
                text.write(read(prelude));
                text.write('\n');
            }
            text.write(read(name));
            byte[] body = text.toByteArray();
            byte[] sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body))
                    .getBytes(StandardCharsets.US_ASCII);
            return new LuaScript(name, body, sha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the feature-store jar");
            }
            return in.readAllBytes();
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
