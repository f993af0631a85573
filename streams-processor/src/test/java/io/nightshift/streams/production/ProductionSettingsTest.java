package io.nightshift.streams.production;

import io.nightshift.infra.local.settings.PropertyValues;
import io.nightshift.infra.local.settings.StartupOutput;
import io.nightshift.streams.StreamsProcessorApplication;
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

/** With the prod profile the streams processor refuses the demo's database, analyst and Redis passwords and a plaintext remote broker. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSettingsTest {

    private static final List<String> PRODUCTION = List.of(
            "spring.profiles.active=prod",
            "spring.datasource.password=db-password-0a1b2c",
            "nightshift.eventlog.analyst-password=analyst-password-0a1b2c",
            "nightshift.redis.password=redis-password-0a1b2c",
            "spring.kafka.bootstrap-servers=kafka:9093",
            "spring.kafka.security.protocol=SASL_PLAINTEXT");

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(ProductionSettings.class);

    private static String[] productionWith(String change) {
        return PropertyValues.with(PRODUCTION, change);
    }

    @Test
    @DisplayName("a production configuration starts (SASL inside a private network is allowed)")
    void productionStarts() {
        context.withPropertyValues(PRODUCTION.toArray(String[]::new)).run(app -> assertThat(app).hasNotFailed());
    }

    @ParameterizedTest(name = "{0} -> refused naming {1}")
    @CsvSource(delimiter = '|', value = {
            "spring.datasource.password=postgres | spring.datasource.password (SPRING_DATASOURCE_PASSWORD) is the demo's public value",
            "spring.datasource.password= | spring.datasource.password (SPRING_DATASOURCE_PASSWORD) is not set",
            "nightshift.eventlog.analyst-password=analyst | nightshift.eventlog.analyst-password (NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD) is the demo's public value",
            "nightshift.redis.password= | nightshift.redis.password (NIGHTSHIFT_REDIS_PASSWORD) is not set",
            "spring.kafka.security.protocol=PLAINTEXT | spring.kafka.security.protocol (SPRING_KAFKA_SECURITY_PROTOCOL) is PLAINTEXT"})
    void eachRuleRefuses(String change, String message) {
        context.withPropertyValues(productionWith(change))
                .run(app -> assertThat(app).getFailure().hasMessageContaining(message));
    }

    @Test
    @DisplayName("without the event log, its passwords are not asked for")
    void eventLogOff() {
        context.withPropertyValues(productionWith("nightshift.eventlog.analyst-password=analyst"))
                .withPropertyValues("nightshift.eventlog.enabled=false")
                .run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    @DisplayName("without the prod profile the demo's settings start")
    void demoWithoutProd() {
        context.withPropertyValues("spring.datasource.password=postgres", "nightshift.eventlog.analyst-password=analyst")
                .run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    @DisplayName("the real application with prod and the demo's settings stops at once with one paragraph, no stack trace")
    void realApplicationRefuses(CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(StreamsProcessorApplication.class, "--spring.profiles.active=prod", "--server.port=0"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("spring.datasource.password");

        StartupOutput.refusedInOneParagraph(output.getOut() + output.getErr())
                .contains("The 'prod' profile is active and 3 settings are still the demo's")
                .contains("nightshift.redis.password (NIGHTSHIFT_REDIS_PASSWORD) is not set")
                .contains("nightshift.eventlog.analyst-password");
    }
}
