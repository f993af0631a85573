package io.nightshift.schemas.connection;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.security.auth.login.AppConfigurationEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogConnectionTest {

    @Test
    @DisplayName("the demo's settings give a plaintext client with nothing but the address")
    void demoIsPlaintext() {
        LogConnection demo = LogConnection.of("127.0.0.1:9092", null, null, null, null, null, null, null);

        assertThat(demo.clientProperties())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKeys("sasl.jaas.config", "sasl.mechanism", "ssl.truststore.location");
        assertThat(demo.encrypted()).isFalse();
    }

    @Test
    @DisplayName("SASL_SSL with a private CA gives the trust store and a SCRAM-SHA-512 login by default")
    void saslSslWithPrivateCa() {
        LogConnection laptop = LogConnection.of("kafka.example.com:9093", "sasl_ssl", "file:/etc/nightshift/kafka-ca.p12", "changeit",
                null, null, "laptop", "s3cret");

        assertThat(laptop.clientProperties())
                .containsEntry("bootstrap.servers", "kafka.example.com:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", Path.of("/etc/nightshift/kafka-ca.p12").toString())
                .containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"laptop\" password=\"s3cret\";");
        assertThat(laptop.encrypted()).isTrue();
    }

    @Test
    @DisplayName("a password with quotes and backslashes reaches Kafka's JAAS parser unchanged")
    void jaasQuoting() {
        String password = "a\"b\\c d;=";
        var login = new LogConnection.SaslLogin(LogConnection.SaslMechanism.SCRAM_SHA_512, "online-api", password);

        AppConfigurationEntry entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(login.jaasConfig())))
                .configurationEntries().getFirst();

        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(new HashMap<String, Object>(entry.getOptions())).containsEntry("username", "online-api").containsEntry("password", password);
    }

    @Test
    @DisplayName("a hosted Kafka's API key logs in with PLAIN over TLS and the JVM's public CAs")
    void hostedKafkaWithPlain() {
        LogConnection hosted = LogConnection.of("pkc-123.europe-west1.gcp.confluent.cloud:9092", "SASL_SSL", "", "", "",
                "PLAIN", "API_KEY", "API_SECRET");

        assertThat(hosted.securityProperties())
                .containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKey("ssl.truststore.location");
        assertThat(hosted.securityProperties().get("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
    }

    @Test
    @DisplayName("a real Kafka admin client accepts the SASL settings (its login module is built at creation)")
    void kafkaClientAcceptsTheSettings() {
        LogConnection connection = new LogConnection("127.0.0.1:1", SecurityProtocol.SASL_PLAINTEXT, null,
                new LogConnection.SaslLogin(LogConnection.SaslMechanism.SCRAM_SHA_512, "laptop", "pw"));
        var properties = new HashMap<>(connection.clientProperties());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);

        try (Admin admin = Admin.create(properties)) {
            assertThat(admin).isNotNull();
            admin.close(Duration.ZERO);
        }
    }

    @Test
    @DisplayName("SASL without a user is refused, naming the settings")
    void saslNeedsALogin() {
        assertThatThrownBy(() -> LogConnection.of("kafka:9093", "SASL_SSL", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spring.kafka.security.protocol is SASL_SSL")
                .hasMessageContaining("nightshift.kafka.sasl.username");
    }

    @Test
    @DisplayName("a user on a plaintext link is refused: it would never be sent")
    void loginNeedsSasl() {
        assertThatThrownBy(() -> LogConnection.of("kafka:9093", null, null, null, null, null, "laptop", "pw"))
                .hasMessageContaining("nightshift.kafka.sasl.username is set but spring.kafka.security.protocol is PLAINTEXT");
        assertThatThrownBy(() -> LogConnection.of("kafka:9093", "SASL_SSL", null, null, null, null, "laptop", ""))
                .hasMessageContaining("set both nightshift.kafka.sasl.username and nightshift.kafka.sasl.password");
    }

    @Test
    @DisplayName("unknown protocols and mechanisms are refused with the accepted values")
    void unknownValues() {
        assertThatThrownBy(() -> LogConnection.of("kafka:9093", "TLS", null, null, null, null, null, null))
                .hasMessageContaining("spring.kafka.security.protocol is 'TLS'").hasMessageContaining("SASL_SSL");
        assertThatThrownBy(() -> LogConnection.of("kafka:9093", "SASL_SSL", null, null, null, "GSSAPI", "u", "p"))
                .hasMessageContaining("nightshift.kafka.sasl.mechanism is 'GSSAPI'");
        assertThatThrownBy(() -> LogConnection.of("kafka:9093", "SSL", "classpath:ca.p12", null, null, null, null, null))
                .hasMessageContaining("spring.kafka.ssl.trust-store-location must be a file");
    }

    @Test
    @DisplayName("toString never shows a password")
    void passwordsStayOutOfLogs() {
        LogConnection connection = LogConnection.of("kafka:9093", "SASL_SSL", "/ca.p12", "store-secret", null, null, "laptop", "login-secret");

        assertThat(connection.toString()).contains("laptop", "SASL_SSL").doesNotContain("store-secret", "login-secret");
    }
}
