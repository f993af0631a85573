package io.nightshift.infra.local.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientSourcesTest {

    @Test
    void findsOnlyTheSourcesThatSetTheBootstrapAddressThemselves(@TempDir Path sources) throws IOException {
        Path offender = Files.writeString(Files.createDirectories(sources.resolve("a/b")).resolve("Raw.java"),
                "props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG , servers);");
        Files.writeString(sources.resolve("Fine.java"), "var props = connection.clientProperties(); // BOOTSTRAP_SERVERS_CONFIG is set there");
        Files.writeString(sources.resolve("notes.txt"), "BOOTSTRAP_SERVERS_CONFIG, servers");

        assertThat(KafkaClientSources.settingBootstrapItself(sources)).containsExactly(offender);
    }
}
