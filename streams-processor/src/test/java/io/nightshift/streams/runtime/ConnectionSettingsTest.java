package io.nightshift.streams.runtime;

import io.nightshift.featurestore.RedisAccess;
import io.nightshift.schemas.connection.LogConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The streams processor binds the same connection names as the other apps and hands them on whole. */
class ConnectionSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaConnection.class, KafkaLogin.class, RedisSettings.class})
    static class Settings {
    }

    @Test
    @DisplayName("Kafka's protocol, trust store and SASL login, and Redis' login, database and TLS, bind from the fixed names; nothing prints a password")
    void bindsTheFixedNames() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=kafka.example.com:9093",
                        "spring.kafka.security.protocol=SASL_SSL",
                        "spring.kafka.ssl.trust-store-location=file:/etc/nightshift/kafka-ca.p12",
                        "spring.kafka.ssl.trust-store-password=store-secret",
                        "nightshift.kafka.sasl.username=streams-processor",
                        "nightshift.kafka.sasl.password=kafka-secret",
                        "nightshift.redis.username=streams",
                        "nightshift.redis.password=redis-secret",
                        "nightshift.redis.database=2",
                        "nightshift.redis.tls=true",
                        "nightshift.redis.trust-store=/etc/nightshift/redis-ca.p12")
                .run(app -> {
                    LogConnection kafka = app.getBean(KafkaConnection.class).link(app.getBean(KafkaLogin.class));
                    assertThat(kafka.clientProperties())
                            .containsEntry("bootstrap.servers", "kafka.example.com:9093")
                            .containsEntry("security.protocol", "SASL_SSL")
                            .containsEntry("ssl.truststore.location", Path.of("/etc/nightshift/kafka-ca.p12").toString())
                            .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
                    assertThat((String) kafka.clientProperties().get("sasl.jaas.config")).contains("username=\"streams-processor\"");

                    RedisSettings redis = app.getBean(RedisSettings.class);
                    assertThat(redis.featureStore().access())
                            .isEqualTo(new RedisAccess("streams", "redis-secret", 2, true, Path.of("/etc/nightshift/redis-ca.p12"), null));

                    String printed = kafka + " " + app.getBean(KafkaConnection.class) + " " + app.getBean(KafkaLogin.class) + " " + redis
                            + " " + redis.featureStore();
                    assertThat(printed).doesNotContain("store-secret", "kafka-secret", "redis-secret");
                });
    }
}
