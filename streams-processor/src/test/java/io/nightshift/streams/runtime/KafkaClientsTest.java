package io.nightshift.streams.runtime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Kafka client of this app is configured from the bootstrap address alone: over the internet
 * it would connect without TLS and SASL. Clients start from the app's LogConnection ({@code clientProperties()}), which carries the
 * security settings. (A source check: the constant is inlined by the compiler, so bytecode rules cannot see it.)
 */
class KafkaClientsTest {

    private static final Pattern SETS_BOOTSTRAP = Pattern.compile("BOOTSTRAP_SERVERS_CONFIG\\s*,");

    @Test
    @DisplayName("no main class sets bootstrap.servers itself")
    void noClientFromTheAddressAlone() throws IOException {
        List<Path> offenders;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            offenders = sources.filter(path -> path.toString().endsWith(".java")).filter(KafkaClientsTest::setsBootstrap).toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static boolean setsBootstrap(Path source) {
        try {
            return SETS_BOOTSTRAP.matcher(Files.readString(source)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
