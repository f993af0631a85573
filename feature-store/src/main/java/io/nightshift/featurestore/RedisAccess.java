package io.nightshift.featurestore;

import io.nightshift.schemas.settings.SettingsException;

import java.nio.file.Path;

/**
 * How the store logs in to Redis and over which link: nothing in the demo (loopback, no password),
 * a password or an ACL user on a server of one's own, AUTH and TLS for a managed Redis.
 *
 * <p>With {@code tls} the server's certificate is checked against the trust store (the JVM's public
 * CAs when {@code trustStore} is {@code null}, which suits a managed Redis) and against the host
 * name: connect by the name the certificate was issued for. {@link #toString()} never shows a password.
 *
 * @param username           the ACL user ({@code AUTH user password}); {@code null} for the default user
 *                           ({@code requirepass}, {@code AUTH password})
 * @param password           the password; {@code null} when the server asks none
 * @param database           the logical database ({@code SELECT}); 0 unless the Redis is shared
 * @param tls                whether to connect over TLS
 * @param trustStore         a PKCS12 file holding the CA of a private certificate, or {@code null}
 * @param trustStorePassword its password, or {@code null}
 */
public record RedisAccess(String username, String password, int database, boolean tls, Path trustStore, String trustStorePassword) {

    /** The demo's: no login, plain TCP, database 0. */
    public static final RedisAccess NONE = new RedisAccess(null, null, 0, false, null, null);

    public RedisAccess {
        username = blankToNull(username);
        password = password == null || password.isEmpty() ? null : password;
        if (username != null && password == null) {
            throw new SettingsException("nightshift.redis.username is set without nightshift.redis.password");
        }
        if (database < 0) {
            throw new SettingsException("nightshift.redis.database must be 0 or more, was " + database);
        }
        if (trustStore != null && !tls) {
            throw new SettingsException("nightshift.redis.trust-store is set but nightshift.redis.tls is false: set nightshift.redis.tls=true");
        }
    }

    /** A password for the default user ({@code requirepass}). */
    public static RedisAccess password(String password) {
        return new RedisAccess(null, password, 0, false, null, null);
    }

    /** Whether a password is sent at all; {@code prod} refuses a Redis without one. */
    public boolean authenticated() {
        return password != null;
    }

    public RedisAccess withTls(Path trustStore, String trustStorePassword) {
        return new RedisAccess(username, password, database, true, trustStore, trustStorePassword);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A login as the apps' settings give it, for their logs: never the password, and no validation,
     * so describing settings that would be refused still works.
     */
    public static String describe(String username, String password, int database, boolean tls, Path trustStore) {
        return (username == null || username.isBlank() ? "default user" : "user " + username)
                + (password == null || password.isEmpty() ? ", no password" : ", password ****") + ", database " + database
                + (tls ? ", TLS" + (trustStore == null ? "" : " trusting " + trustStore) : ", plain TCP");
    }

    @Override
    public String toString() {
        return "RedisAccess[" + describe(username, password, database, tls, trustStore) + "]";
    }
}
