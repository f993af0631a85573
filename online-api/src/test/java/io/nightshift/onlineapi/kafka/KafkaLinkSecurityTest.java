package io.nightshift.onlineapi.kafka;

import io.nightshift.infra.local.settings.KafkaLoginEntries;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaLinkSecurityTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaProducerProperties.class, KafkaLogin.class})
    @Import(KafkaConfiguration.class)
    static class Kafka {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withUserConfiguration(Kafka.class);

    @Test
    @DisplayName("the producer, the listeners and the admin client all log in with the SASL settings over TLS")
    void everyClientGetsTheLogin() throws Exception {
        Path trustStore = Files.createTempFile("kafka-ca", ".p12");
        context.withPropertyValues(
                        "spring.kafka.bootstrap-servers=kafka.example.com:9093",
                        "spring.kafka.security.protocol=SASL_SSL",
                        "spring.kafka.ssl.trust-store-location=file:" + trustStore,
                        "spring.kafka.ssl.trust-store-password=changeit",
                        "spring.kafka.ssl.trust-store-type=PKCS12",
                        "nightshift.kafka.sasl.username=online-api",
                        "nightshift.kafka.sasl.password=s3cret")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    Map<String, Object> producer = app.getBean(ProducerFactory.class).getConfigurationProperties();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> listener = app.getBean("heartbeatListenerFactory", ConcurrentKafkaListenerContainerFactory.class)
                            .getConsumerFactory().getConfigurationProperties();
                    Map<String, Object> admin = app.getBean(KafkaAdmin.class).getConfigurationProperties();
                    for (Map<String, Object> client : java.util.List.of(producer, listener, admin)) {
                        assertThat(client)
                                .containsEntry("bootstrap.servers", java.util.List.of("kafka.example.com:9093"))
                                .containsEntry("ssl.truststore.location", trustStore.toAbsolutePath().toString())
                                .containsEntry("ssl.truststore.password", "changeit")
                                .containsAllEntriesOf(KafkaLoginEntries.saslSsl("online-api", "s3cret"));
                    }
                });
    }

    @Test
    @DisplayName("the demo's settings leave the clients on plaintext without a login")
    void demoStaysPlaintext() {
        context.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:9092")
                .run(app -> assertThat(app.getBean(ProducerFactory.class).getConfigurationProperties())
                        .containsEntry("security.protocol", "PLAINTEXT")
                        .doesNotContainKeys("sasl.jaas.config", "sasl.mechanism"));
    }

    @Test
    @DisplayName("SASL without a user stops the start with a message naming the settings")
    void saslWithoutUserFails() {
        context.withPropertyValues("spring.kafka.bootstrap-servers=kafka.example.com:9093", "spring.kafka.security.protocol=SASL_SSL")
                .run(app -> assertThat(app).getFailure().rootCause()
                        .hasMessageContaining("spring.kafka.security.protocol is SASL_SSL but nightshift.kafka.sasl.username"));
    }
}
