package io.nightshift.onlineapi.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A credential the API compares against what a client sends. Both sides are hashed first and
 * the fixed-length digests compared with {@link MessageDigest#isEqual}: the time taken then
 * depends neither on where the first difference is nor on how long the real key is. The value
 * itself is never kept in a form that could end up in a log ({@link #toString()} hides it).
 */
public final class Secret {

    private final byte[] digest;

    private Secret(byte[] digest) {
        this.digest = digest;
    }

    public static Secret of(String value) {
        return new Secret(sha256(value));
    }

    /** True when {@code given} is this secret; null never is. */
    public boolean matches(String given) {
        // Hash even a missing value, so that "no key" and "wrong key" cost the same.
        boolean equal = MessageDigest.isEqual(digest, sha256(given == null ? "" : given));
        return equal && given != null;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
