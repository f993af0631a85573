package io.nightshift.infra.local;

import io.nightshift.schemas.access.KafkaAccess;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a Kafka cluster with TLS, SASL/SCRAM-SHA-512 and ACLs answers, and what a client needs to
 * log in as one of its principals.
 *
 * @param bootstrapServers   the {@code bootstrap.servers} value of the SASL_SSL listener
 * @param trustStore         PKCS12 trust store with the CA that signed the broker's certificate
 * @param trustStorePassword its password
 * @param passwords          SCRAM password per principal: {@code admin} and the three applications'
 */
public record SecureKafkaEndpoint(String bootstrapServers, Path trustStore, String trustStorePassword, Map<String, String> passwords) {

    public SecureKafkaEndpoint {
        passwords = Map.copyOf(passwords);
    }

    public String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no principal '" + principal + "' on this cluster; there are " + new TreeMap<>(passwords).keySet());
        }
        return password;
    }

    /** Kafka client properties (admin, producer, consumer) that log in as {@code principal}. */
    public Map<String, Object> clientProperties(String principal) {
        return clientProperties(principal, password(principal));
    }

    /** The same with any password, e.g. a wrong one to show that the broker refuses it. */
    public Map<String, Object> clientProperties(String principal, String password) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", KafkaAccess.MECHANISM);
        properties.put("sasl.jaas.config", jaasConfig(principal, password));
        properties.put("ssl.truststore.location", trustStore.toString());
        properties.put("ssl.truststore.password", trustStorePassword);
        properties.put("ssl.truststore.type", "PKCS12");
        return properties;
    }

    /**
     * The same login in the applications' configuration names ({@code spring.kafka.*},
     * {@code nightshift.kafka.sasl.*}), as a deployment would set them.
     */
    public Map<String, String> applicationProperties(String principal) {
        return Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers,
                "spring.kafka.security.protocol", "SASL_SSL",
                "spring.kafka.ssl.trust-store-location", trustStore.toUri().toString(),
                "spring.kafka.ssl.trust-store-password", trustStorePassword,
                "spring.kafka.ssl.trust-store-type", "PKCS12",
                "nightshift.kafka.sasl.mechanism", KafkaAccess.MECHANISM,
                "nightshift.kafka.sasl.username", principal,
                "nightshift.kafka.sasl.password", password(principal));
    }

    /** The {@code sasl.jaas.config} of a SCRAM login; quotes and backslashes escaped as JAAS requires. */
    public static String jaasConfig(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escaped(username)
                + "\" password=\"" + escaped(password) + "\";";
    }

    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Passwords stay out of logs and assertion messages. */
    @Override
    public String toString() {
        return "SecureKafkaEndpoint[" + bootstrapServers + ", principals " + new TreeMap<>(passwords).keySet() + "]";
    }
}
