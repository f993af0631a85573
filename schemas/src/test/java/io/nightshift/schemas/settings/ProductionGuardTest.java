package io.nightshift.schemas.settings;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.nightshift.schemas.settings.ProductionSetting.demoOnly;
import static io.nightshift.schemas.settings.ProductionSetting.secret;
import static io.nightshift.schemas.settings.ProductionSetting.secrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionGuardTest {

    @Test
    @DisplayName("a demo secret is named with its environment variable")
    void demoSecret() {
        assertThat(ProductionGuard.problems(List.of(secret("nightshift.admin.token", "nightshift-demo-token")), null, null))
                .containsExactly("nightshift.admin.token (NIGHTSHIFT_ADMIN_TOKEN) is the demo's public value: set it to a secret of your own.");
        assertThat(ProductionGuard.problems(List.of(secret("nightshift.eventlog.analyst-password", "analyst"),
                secret("spring.datasource.password", "postgres")), null, null))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("nightshift.eventlog.analyst-password (NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD)"))
                .anySatisfy(p -> assertThat(p).startsWith("spring.datasource.password (SPRING_DATASOURCE_PASSWORD)"));
    }

    @Test
    @DisplayName("a missing secret (no Redis password) is refused")
    void missingSecret() {
        assertThat(ProductionGuard.problems(List.of(secret("nightshift.redis.password", null)), null, null))
                .containsExactly("nightshift.redis.password (NIGHTSHIFT_REDIS_PASSWORD) is not set: set it to a secret of your own.");
        assertThat(ProductionGuard.problems(List.of(secret("nightshift.redis.password", "  ")), null, null)).hasSize(1);
    }

    @Test
    @DisplayName("one demo key among the catalog keys is enough to refuse")
    void listOfKeys() {
        assertThat(ProductionGuard.problems(List.of(secrets("nightshift.catalog.api-keys", List.of("a-real-key-of-the-owner", "nightshift-demo-catalog-key"))), null, null))
                .singleElement().asString().contains("NIGHTSHIFT_CATALOG_API_KEYS");
    }

    @Test
    @DisplayName("a demo convenience switched on is refused")
    void demoOnlySwitch() {
        assertThat(ProductionGuard.problems(List.of(demoOnly("nightshift.admin.console-prefill", true)), null, null))
                .singleElement().asString().contains("set it to false");
        assertThat(ProductionGuard.problems(List.of(demoOnly("nightshift.admin.console-prefill", false)), null, null)).isEmpty();
    }

    @Test
    @DisplayName("plaintext Kafka is refused beyond loopback, and allowed on it or over SASL")
    void plaintextKafka() {
        assertThat(ProductionGuard.problems(List.of(), "kafka.example.com:9092", "PLAINTEXT"))
                .singleElement().asString()
                .contains("spring.kafka.security.protocol (SPRING_KAFKA_SECURITY_PROTOCOL) is PLAINTEXT")
                .contains("kafka.example.com:9092").contains("SASL_SSL");
        assertThat(ProductionGuard.problems(List.of(), "127.0.0.1:9092,localhost:9093,[::1]:9094", null)).isEmpty();
        assertThat(ProductionGuard.problems(List.of(), "10.0.0.5:9092", "")).hasSize(1);
        assertThat(ProductionGuard.problems(List.of(), "kafka.example.com:9093", "SASL_SSL")).isEmpty();
    }

    @Test
    @DisplayName("own secrets and a secured link pass")
    void productionPasses() {
        ProductionGuard.check(List.of(secret("nightshift.admin.token", "8d3f0c1e-owner-token"), secret("nightshift.redis.password", "r3dis")),
                "kafka.example.com:9093", "SASL_SSL");
    }

    @Test
    @DisplayName("check throws one paragraph naming every setting, and never a secret's value")
    void checkListsEverything() {
        assertThatThrownBy(() -> ProductionGuard.check(List.of(secret("nightshift.admin.token", "nightshift-demo-token"),
                secret("nightshift.redis.password", null)), "kafka:9092", null))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("The 'prod' profile is active and 3 settings are still the demo's:")
                .hasMessageContaining("nightshift.admin.token").hasMessageContaining("nightshift.redis.password")
                .hasMessageContaining("spring.kafka.security.protocol")
                .hasMessageNotContaining("\n");
        assertThat(secret("x", "top-secret").toString()).doesNotContain("top-secret");
    }
}
