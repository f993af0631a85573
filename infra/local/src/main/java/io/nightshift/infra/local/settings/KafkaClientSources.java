package io.nightshift.infra.local.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the main sources of an app that configure a Kafka client from the bootstrap address alone:
 * over the internet such a client would connect without TLS and SASL. A source check, because the
 * constant is inlined by the compiler, so bytecode rules cannot see it.
 */
public final class KafkaClientSources {

    private static final Pattern SETS_BOOTSTRAP = Pattern.compile("BOOTSTRAP_SERVERS_CONFIG\\s*,");

    private KafkaClientSources() {
    }

    /** The {@code .java} files under {@code sources} that set {@code bootstrap.servers} themselves. */
    public static List<Path> settingBootstrapItself(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(path -> path.toString().endsWith(".java")).filter(KafkaClientSources::setsBootstrap).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + sources, e);
        }
    }

    private static boolean setsBootstrap(Path source) {
        try {
            return SETS_BOOTSTRAP.matcher(Files.readString(source)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
