package io.nightshift.streams.runtime;

import io.nightshift.schemas.connection.LogConnection;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kafka is and how to reach it. Bound from {@code spring.kafka.*} because those are the names
 * every app reads (this app does not use spring-kafka itself): the bootstrap servers, the security
 * protocol and the trust store. The SASL login comes from {@link KafkaLogin}; {@link #link} joins
 * them into the one description every client of this app is built from.
 */
@ConfigurationProperties("spring.kafka")
public record KafkaConnection(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                              @DefaultValue Security security,
                              @DefaultValue Ssl ssl) {

    /** {@code spring.kafka.security.protocol}: PLAINTEXT (the default), SSL, SASL_SSL or SASL_PLAINTEXT. */
    public record Security(String protocol) {
    }

    /** {@code spring.kafka.ssl.trust-store-*}: the private CA of a self-hosted broker ({@code file:/etc/nightshift/kafka-ca.p12}). */
    public record Ssl(String trustStoreLocation, String trustStorePassword, String trustStoreType) {

        @Override
        public String toString() {
            return "Ssl[" + trustStoreLocation + ", " + trustStoreType + (trustStorePassword == null ? "" : ", password ****") + "]";
        }
    }

    /** The connection every Kafka client of this app uses; fails with a message naming the setting when they contradict. */
    public LogConnection link(KafkaLogin login) {
        return LogConnection.of(bootstrapServers, security.protocol(), ssl.trustStoreLocation(), ssl.trustStorePassword(),
                ssl.trustStoreType(), login.mechanism(), login.username(), login.password());
    }
}
