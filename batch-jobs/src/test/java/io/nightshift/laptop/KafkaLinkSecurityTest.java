package io.nightshift.laptop;

import io.nightshift.infra.local.settings.KafkaLoginEntries;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The laptop reaches Kafka over the internet: every client it builds must carry its TLS and SASL settings. */
class KafkaLinkSecurityTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KafkaLogin.class)
    @Import(KafkaConfiguration.class)
    static class Kafka {
    }

    @Test
    @DisplayName("the producer, the consumers (sync, fresh, control) and the admin client log in as the laptop over SASL_SSL")
    void everyClientGetsTheLogin() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
                .withUserConfiguration(Kafka.class)
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=kafka.example.com:9093",
                        "spring.kafka.security.protocol=SASL_SSL",
                        "nightshift.kafka.sasl.username=laptop",
                        "nightshift.kafka.sasl.password=from-the-owner")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    Map<String, Object> producer = app.getBean(ProducerFactory.class).getConfigurationProperties();
                    Map<String, Object> consumers = app.getBean(KafkaProperties.class).buildConsumerProperties();
                    Map<String, Object> admin = app.getBean(KafkaAdmin.class).getConfigurationProperties();
                    for (Map<String, Object> client : List.of(producer, consumers, admin)) {
                        assertThat(client).containsAllEntriesOf(KafkaLoginEntries.saslSsl("laptop", "from-the-owner"));
                    }
                });
    }
}
