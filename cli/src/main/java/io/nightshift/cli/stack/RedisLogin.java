package io.nightshift.cli.stack;

import io.nightshift.infra.local.RedisEndpoint;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

import java.nio.file.Path;

/**
 * How the supervisor logs in to the stack's Redis: no login for the demo's; the password and TLS
 * (trusting the stack's throwaway CA, checking chain and host name) for the secure stack's.
 *
 * @param password           the default user's password, or null
 * @param trustStore         PKCS12 trust store of the CA that signed the server's certificate, or null for plain TCP
 * @param trustStorePassword its password
 */
record RedisLogin(String password, Path trustStore, String trustStorePassword) {

    static final RedisLogin NONE = new RedisLogin(null, null, null);

    Jedis connect(RedisEndpoint endpoint, int timeoutMillis) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .password(password);
        if (trustStore != null) {
            config.ssl(true).sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL)
                    .truststore(trustStore.toFile(), trustStorePassword.toCharArray()).trustStoreType("PKCS12").build());
        }
        return new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
    }

    /** The password stays out of logs. */
    @Override
    public String toString() {
        return "RedisLogin[" + (password == null ? "no password" : "password ****") + (trustStore == null ? ", plain TCP" : ", TLS") + "]";
    }
}
