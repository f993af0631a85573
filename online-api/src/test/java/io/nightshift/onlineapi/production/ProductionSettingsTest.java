package io.nightshift.onlineapi.production;

import io.nightshift.infra.local.settings.PropertyValues;
import io.nightshift.infra.local.settings.StartupOutput;
import io.nightshift.onlineapi.OnlineApiApplication;
import io.nightshift.schemas.settings.SettingsException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With the prod profile the API refuses the demo's secrets and a plaintext link to a remote broker, naming the setting. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSettingsTest {

    /** Settings a real deployment would set: each test spoils one of them. */
    private static final List<String> PRODUCTION = List.of(
            "spring.profiles.active=prod",
            "nightshift.admin.token=owner-token-0a1b2c3d4e5f",
            "nightshift.catalog.api-keys=backend-key-0a1b2c3d4e5f",
            "nightshift.redis.password=redis-password-0a1b2c",
            "spring.kafka.bootstrap-servers=kafka.example.com:9093",
            "spring.kafka.security.protocol=SASL_SSL");

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(ProductionSettings.class);

    private static String[] productionWith(String... changes) {
        return PropertyValues.with(PRODUCTION, changes);
    }

    @Test
    @DisplayName("a production configuration starts")
    void productionStarts() {
        context.withPropertyValues(PRODUCTION.toArray(String[]::new)).run(app -> assertThat(app).hasNotFailed());
    }

    @ParameterizedTest(name = "{0} -> refused naming {1}")
    @CsvSource(delimiter = '|', value = {
            "nightshift.admin.token=nightshift-demo-token | nightshift.admin.token (NIGHTSHIFT_ADMIN_TOKEN) is the demo's public value",
            "nightshift.admin.token= | nightshift.admin.token (NIGHTSHIFT_ADMIN_TOKEN) is the demo's public value",
            "nightshift.catalog.api-keys=nightshift-demo-catalog-key | nightshift.catalog.api-keys (NIGHTSHIFT_CATALOG_API_KEYS) is the demo's public value",
            "nightshift.redis.password= | nightshift.redis.password (NIGHTSHIFT_REDIS_PASSWORD) is not set",
            "nightshift.admin.console-prefill=true | nightshift.admin.console-prefill (NIGHTSHIFT_ADMIN_CONSOLE_PREFILL) is on",
            "spring.kafka.security.protocol=PLAINTEXT | spring.kafka.security.protocol (SPRING_KAFKA_SECURITY_PROTOCOL) is PLAINTEXT but spring.kafka.bootstrap-servers names kafka.example.com:9093"})
    void eachRuleRefuses(String change, String message) {
        context.withPropertyValues(productionWith(change))
                .run(app -> assertThat(app).getFailure()
                        .hasMessageStartingWith("The 'prod' profile is active and one setting is still the demo's")
                        .hasMessageContaining(message));
    }

    @Test
    @DisplayName("plaintext to a broker on this machine is allowed in production")
    void plaintextOnLoopback() {
        context.withPropertyValues(productionWith("spring.kafka.security.protocol=PLAINTEXT", "spring.kafka.bootstrap-servers=127.0.0.1:9092"))
                .run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    @DisplayName("without the prod profile the demo's settings start")
    void demoWithoutProd() {
        context.withPropertyValues("nightshift.admin.token=nightshift-demo-token", "spring.kafka.bootstrap-servers=kafka.example.com:9092")
                .run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    @DisplayName("the real application with prod and the demo's settings stops at once with one paragraph, no stack trace")
    void realApplicationRefuses(CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(OnlineApiApplication.class, "--spring.profiles.active=prod", "--server.port=0",
                "--spring.main.banner-mode=off"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("nightshift.admin.token");

        StartupOutput.refusedInOneParagraph(output.getOut() + output.getErr())
                .contains("The 'prod' profile is active and 3 settings are still the demo's: nightshift.admin.token (NIGHTSHIFT_ADMIN_TOKEN)")
                .contains("nightshift.catalog.api-keys").contains("nightshift.redis.password")
                .contains("Change the settings named above");
    }
}
