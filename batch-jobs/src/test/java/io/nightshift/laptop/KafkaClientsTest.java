package io.nightshift.laptop;

import io.nightshift.infra.local.settings.KafkaClientSources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Kafka client of this app is configured from the bootstrap address alone: over the internet
 * it would connect without TLS and SASL. Clients start from Spring's KafkaProperties, to which KafkaLinkSecurity adds the link's settings.
 */
class KafkaClientsTest {

    @Test
    @DisplayName("no main class sets bootstrap.servers itself")
    void noClientFromTheAddressAlone() {
        assertThat(KafkaClientSources.settingBootstrapItself(Path.of("src", "main", "java"))).isEmpty();
    }
}
