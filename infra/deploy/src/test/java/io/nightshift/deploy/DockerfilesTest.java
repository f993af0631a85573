package io.nightshift.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app images. No Docker daemon runs here, so the image itself is not built; what the Dockerfile does with the
 * jar is: its extract command runs on the jar Maven built, and the layers it copies, merged as the image merges
 * them, hold a runnable application.jar whose class path is complete.
 */
class DockerfilesTest {

    static final Pattern COPY_LAYER = Pattern.compile("COPY --from=builder /builder/extracted/([a-z-]+)/ \\./");
    static final Pattern EXTRACT = Pattern.compile("RUN (java -Djarmode=tools -jar application\\.jar extract [^\\n]+)");

    @TempDir
    Path tmp;

    @Test
    void theOnlineApiImageLayersMakeACompleteApplication() throws IOException {
        assertLayersMakeAnApplication("online-api");
    }

    @Test
    void theStreamsProcessorImageLayersMakeACompleteApplication() throws IOException {
        assertLayersMakeAnApplication("streams-processor");
    }

    void assertLayersMakeAnApplication(String module) throws IOException {
        String dockerfile = Files.readString(AppJar.home().resolve(module).resolve("Dockerfile"));
        Matcher extract = EXTRACT.matcher(dockerfile);
        assertThat(extract.find()).as("the Dockerfile extracts the layers").isTrue();
        List<String> layers = new ArrayList<>();
        for (Matcher m = COPY_LAYER.matcher(dockerfile); m.find(); ) {
            layers.add(m.group(1));
        }
        assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

        Path builder = Files.createDirectories(tmp.resolve("builder"));
        Files.copy(AppJar.of(module).path(), builder.resolve("application.jar"));
        List<String> command = new ArrayList<>(List.of(extract.group(1).strip().split(" +")));
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ExternalCommand run = ExternalCommand.run(builder, Map.of(), command);
        assertThat(run.exitCode()).as(run.output()).isZero();

        Path image = Files.createDirectories(tmp.resolve("application"));
        for (String layer : layers) {
            Path from = builder.resolve("extracted").resolve(layer);
            assertThat(from).as("layer " + layer).isDirectory();
            try (var files = Files.walk(from)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path to = image.resolve(from.relativize(file).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                }
            }
        }
        Manifest manifest;
        try (InputStream in = Files.newInputStream(image.resolve("application.jar")); JarInputStream jar = new JarInputStream(in)) {
            manifest = jar.getManifest();
        }
        assertThat(manifest.getMainAttributes().getValue("Main-Class")).startsWith("io.nightshift.");
        List<String> missing = new ArrayList<>();
        for (String entry : manifest.getMainAttributes().getValue("Class-Path").split(" +")) {
            if (!entry.isBlank() && !Files.isRegularFile(image.resolve(entry))) {
                missing.add(entry);
            }
        }
        assertThat(missing).as("class path entries of application.jar missing from the image's layers").isEmpty();
    }
}
