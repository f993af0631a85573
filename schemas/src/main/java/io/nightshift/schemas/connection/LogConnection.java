package io.nightshift.schemas.connection;

import io.nightshift.schemas.settings.SettingsException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How one party (an application, the laptop, a tool) connects to the event log: where the brokers
 * are, whether the link is encrypted, which CA to trust and who it logs in as. Every Kafka client of
 * every application is configured from {@link #clientProperties()}, so a hosted Kafka with TLS and
 * SASL works by configuration alone and no client is left on the bootstrap address only.
 *
 * <p>The applications bind it from the same names everywhere: {@code spring.kafka.bootstrap-servers},
 * {@code spring.kafka.security.protocol}, {@code spring.kafka.ssl.trust-store-location|-password|-type}
 * and {@code nightshift.kafka.sasl.mechanism|username|password}. Invalid combinations (SASL without a
 * user, a user on a link that would never send it) are refused with a message naming the setting.
 *
 * <p>{@link #toString()} never shows a password.
 *
 * @param bootstrapServers the {@code bootstrap.servers} list, e.g. {@code kafka.example.com:9093}
 * @param securityProtocol {@code PLAINTEXT} (the demo on one machine), {@code SSL}, {@code SASL_SSL}
 *                         (over the internet) or {@code SASL_PLAINTEXT} (a private network only)
 * @param trustStore       the CA to trust for TLS; {@code null} trusts the JVM's public CAs (a hosted Kafka)
 * @param login            the SASL login; {@code null} for the protocols without SASL
 */
public record LogConnection(String bootstrapServers, SecurityProtocol securityProtocol, TrustStore trustStore, SaslLogin login) {

    /** The setting names, as messages and documentation give them. */
    public static final String BOOTSTRAP_SETTING = "spring.kafka.bootstrap-servers";
    public static final String PROTOCOL_SETTING = "spring.kafka.security.protocol";
    public static final String TRUST_STORE_SETTING = "spring.kafka.ssl.trust-store-location";
    public static final String USERNAME_SETTING = "nightshift.kafka.sasl.username";
    public static final String PASSWORD_SETTING = "nightshift.kafka.sasl.password";
    public static final String MECHANISM_SETTING = "nightshift.kafka.sasl.mechanism";

    public LogConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new SettingsException(BOOTSTRAP_SETTING + " must name at least one broker (host:port)");
        }
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        boolean sasl = securityProtocol == SecurityProtocol.SASL_SSL || securityProtocol == SecurityProtocol.SASL_PLAINTEXT;
        if (sasl && login == null) {
            throw new SettingsException(PROTOCOL_SETTING + " is " + securityProtocol + " but " + USERNAME_SETTING
                    + " and " + PASSWORD_SETTING + " are not set: the broker would refuse the connection");
        }
        if (!sasl && login != null) {
            throw new SettingsException(USERNAME_SETTING + " is set but " + PROTOCOL_SETTING + " is " + securityProtocol
                    + ", which never sends it: set " + PROTOCOL_SETTING + "=SASL_SSL");
        }
    }

    /** A plaintext connection without login: the demo and the tests on one machine. */
    public static LogConnection plaintext(String bootstrapServers) {
        return new LogConnection(bootstrapServers, SecurityProtocol.PLAINTEXT, null, null);
    }

    /**
     * Builds a connection from the settings as the applications read them; blank values count as unset.
     *
     * @param protocol           {@code spring.kafka.security.protocol}; blank means {@code PLAINTEXT}
     * @param trustStoreLocation {@code spring.kafka.ssl.trust-store-location}: {@code file:/path} or a plain path
     * @param mechanism          {@code nightshift.kafka.sasl.mechanism}; blank means {@code SCRAM-SHA-512}
     */
    public static LogConnection of(String bootstrapServers, String protocol, String trustStoreLocation, String trustStorePassword,
                                   String trustStoreType, String mechanism, String username, String password) {
        TrustStore trustStore = blank(trustStoreLocation) ? null
                : new TrustStore(TrustStore.path(trustStoreLocation), trustStorePassword, blank(trustStoreType) ? "PKCS12" : trustStoreType);
        SaslLogin login = null;
        if (!blank(username) || !blank(password)) {
            if (blank(username) || blank(password)) {
                throw new SettingsException("set both " + USERNAME_SETTING + " and " + PASSWORD_SETTING + ", or neither");
            }
            login = new SaslLogin(SaslMechanism.parse(mechanism), username, password);
        }
        return new LogConnection(firstNonBlank(bootstrapServers, "127.0.0.1:9092"), protocol(protocol), trustStore, login);
    }

    /**
     * Everything a producer, consumer, admin client or Kafka Streams needs to reach the brokers:
     * {@code bootstrap.servers} and {@link #securityProperties()}.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(securityProperties());
        return properties;
    }

    /** {@link #clientProperties()} with a client's own settings (group, timeouts, client id) added. */
    public Map<String, Object> clientProperties(Map<String, ?> clientSettings) {
        Map<String, Object> properties = clientProperties();
        properties.putAll(clientSettings);
        return properties;
    }

    /**
     * The link's security alone ({@code security.protocol}, {@code ssl.truststore.*}, {@code sasl.mechanism},
     * {@code sasl.jaas.config}), for clients whose bootstrap address is set elsewhere (Spring's
     * {@code spring.kafka.properties.*}).
     */
    public Map<String, String> securityProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol.name);
        boolean tls = securityProtocol == SecurityProtocol.SSL || securityProtocol == SecurityProtocol.SASL_SSL;
        if (tls && trustStore != null) {
            properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.path().toString());
            properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, trustStore.type());
            if (trustStore.password() != null) {
                properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStore.password());
            }
        }
        if (login != null) {
            properties.put(SaslConfigs.SASL_MECHANISM, login.mechanism().kafkaName());
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, login.jaasConfig());
        }
        return properties;
    }

    /** Whether the link is encrypted (TLS), which a broker outside this machine requires in production. */
    public boolean encrypted() {
        return securityProtocol == SecurityProtocol.SSL || securityProtocol == SecurityProtocol.SASL_SSL;
    }

    @Override
    public String toString() {
        return "LogConnection[" + bootstrapServers + ", " + securityProtocol
                + (trustStore == null ? "" : ", trust store " + trustStore.path())
                + (login == null ? "" : ", " + login) + "]";
    }

    private static SecurityProtocol protocol(String value) {
        if (blank(value)) {
            return SecurityProtocol.PLAINTEXT;
        }
        try {
            return SecurityProtocol.forName(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new SettingsException(PROTOCOL_SETTING + " is '" + value + "'; use one of "
                    + Arrays.toString(SecurityProtocol.values()));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String firstNonBlank(String value, String fallback) {
        return blank(value) ? fallback : value;
    }

    /**
     * The CA certificates a TLS client trusts (a private CA's, for a self-hosted broker).
     *
     * @param path     a PKCS12 or JKS file
     * @param password its password; {@code null} for a store without one
     * @param type     {@code PKCS12} (the default) or {@code JKS}
     */
    public record TrustStore(Path path, String password, String type) {

        public TrustStore {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
        }

        /** {@code file:/etc/nightshift/kafka-ca.p12} or {@code /etc/nightshift/kafka-ca.p12}. */
        static Path path(String location) {
            String trimmed = location.trim();
            if (trimmed.startsWith("classpath:")) {
                throw new SettingsException(TRUST_STORE_SETTING + " must be a file (file:/path/ca.p12), not " + trimmed
                        + ": Kafka clients read the trust store from disk");
            }
            return Path.of(trimmed.startsWith("file:") ? trimmed.substring("file:".length()) : trimmed);
        }

        @Override
        public String toString() {
            return "TrustStore[" + path + ", " + type + (password == null ? "" : ", password ****") + "]";
        }
    }

    /**
     * Who the party logs in as over SASL. Each party has its own principal ({@code online-api},
     * {@code streams-processor}, {@code laptop}), so the broker's ACLs can tell them apart.
     */
    public record SaslLogin(SaslMechanism mechanism, String username, String password) {

        public SaslLogin {
            Objects.requireNonNull(mechanism, "mechanism");
            if (username == null || username.isBlank()) {
                throw new SettingsException(USERNAME_SETTING + " must not be blank");
            }
            if (password == null || password.isEmpty()) {
                throw new SettingsException(PASSWORD_SETTING + " must not be empty");
            }
        }

        /** The {@code sasl.jaas.config} line: the login module of the mechanism with the quoted user and password. */
        public String jaasConfig() {
            return mechanism.loginModule() + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
        }

        // The JAAS parser reads quoted strings with backslash escapes.
        private static String quoted(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        @Override
        public String toString() {
            return "SaslLogin[" + mechanism.kafkaName() + ", " + username + ", password ****]";
        }
    }

    /** The SASL mechanisms a Nightshift party can log in with. */
    public enum SaslMechanism {
        /** Our own brokers (the default): salted challenge-response, the password never crosses the wire. */
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        /** Hosted services that hand out an API key and secret (e.g. Confluent Cloud); only ever over TLS. */
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

        private final String kafkaName;
        private final String loginModule;

        SaslMechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        public String kafkaName() {
            return kafkaName;
        }

        String loginModule() {
            return loginModule;
        }

        /** {@code SCRAM-SHA-512} (also when blank), {@code SCRAM-SHA-256} or {@code PLAIN}. */
        public static SaslMechanism parse(String value) {
            if (value == null || value.isBlank()) {
                return SCRAM_SHA_512;
            }
            for (SaslMechanism mechanism : values()) {
                if (mechanism.kafkaName.equalsIgnoreCase(value.trim())) {
                    return mechanism;
                }
            }
            throw new SettingsException(MECHANISM_SETTING + " is '" + value + "'; use SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
        }
    }
}
