package io.nightshift.laptop.production;

import io.nightshift.infra.local.settings.StartupOutput;
import io.nightshift.laptop.LaptopApplication;
import io.nightshift.schemas.settings.SettingsException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The laptop reaches Kafka over the internet: with the prod profile a plaintext link to a remote broker is refused. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(ProductionSettings.class);

    @Test
    @DisplayName("SASL_SSL to the cloud's broker starts in production")
    void saslSslStarts() {
        context.withPropertyValues("spring.profiles.active=prod", "spring.kafka.bootstrap-servers=kafka.example.com:9093",
                        "spring.kafka.security.protocol=SASL_SSL")
                .run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    @DisplayName("plaintext to a broker beyond this machine is refused, naming the protocol setting")
    void plaintextRemoteRefused() {
        context.withPropertyValues("spring.profiles.active=prod", "spring.kafka.bootstrap-servers=kafka.example.com:9092")
                .run(app -> assertThat(app).getFailure()
                        .hasMessageContaining("spring.kafka.security.protocol (SPRING_KAFKA_SECURITY_PROTOCOL) is PLAINTEXT")
                        .hasMessageContaining("kafka.example.com:9092"));
    }

    @Test
    @DisplayName("without the prod profile plaintext to anywhere starts (the demo, a test network)")
    void demoWithoutProd() {
        context.withPropertyValues("spring.kafka.bootstrap-servers=kafka.example.com:9092").run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    @DisplayName("the real laptop application with prod and a plaintext remote broker stops at once with one paragraph")
    void realApplicationRefuses(CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(LaptopApplication.class, "--spring.profiles.active=prod", "--server.port=0",
                "--spring.kafka.bootstrap-servers=kafka.example.com:9092"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("spring.kafka.security.protocol");

        StartupOutput.refusedInOneParagraph(output.getOut() + output.getErr())
                .contains("The 'prod' profile is active and one setting is still the demo's");
    }
}
