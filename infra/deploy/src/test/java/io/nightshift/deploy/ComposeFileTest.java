package io.nightshift.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** compose.yaml's shape: what an owner relies on when the server reboots or a container dies. */
class ComposeFileTest {

    static final List<String> SERVICES = List.of("kafka", "redis", "postgres", "online-api", "streams-processor",
            "prometheus", "grafana");

    static ComposeFile compose;

    @BeforeAll
    static void load() {
        compose = ComposeFile.load(AppJar.deployFolder().resolve("compose.yaml"));
    }

    @Test
    void theFileIsAValidComposeFile() {
        // Structure every compose implementation needs: services with an image or a build, named volumes declared.
        assertThat(compose.services().keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        Map<String, Object> volumes = ComposeFile.map(compose.root().get("volumes"), "volumes");
        for (String name : SERVICES) {
            Map<String, Object> service = compose.service(name);
            assertThat(service).as(name).containsKey("image");
            for (Object mount : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(mount).split(":")[0];
                if (!source.startsWith(".")) {
                    assertThat(volumes).as(name + " mounts the named volume " + source).containsKey(source);
                }
            }
        }
        // Where Docker's compose plugin is installed (not on this project's CI), it checks the whole file too.
        if (ExternalCommand.onPath("docker") && ExternalCommand.run(AppJar.deployFolder(), Map.of(),
                List.of("docker", "compose", "version")).exitCode() == 0) {
            ExternalCommand config = ExternalCommand.run(AppJar.deployFolder(), Map.of(),
                    List.of("docker", "compose", "--env-file", ".env.example", "-f", "compose.yaml", "config", "--quiet"));
            assertThat(config.exitCode()).as("docker compose config: " + config.output()).isZero();
        }
    }

    @Test
    void everyServiceRestartsByItselfAndSaysWhenItIsHealthy() {
        for (String name : SERVICES) {
            Map<String, Object> service = compose.service(name);
            assertThat(service.get("restart")).as(name + " restart").isEqualTo("unless-stopped");
            assertThat(service).as(name + " healthcheck").containsKey("healthcheck");
        }
    }

    @Test
    void thirdPartyImagesArePinnedToAVersion() {
        for (String name : SERVICES) {
            String image = String.valueOf(compose.service(name).get("image"));
            if (!image.startsWith("nightshift/")) {
                assertThat(image).as(name).matches(".+:[v]?[0-9][0-9.]*");
            }
        }
    }

    @Test
    void everyVariableTheFileTakesIsInEnvExample() {
        Map<String, String> example = envExample();
        assertThat(example.keySet()).as(".env.example").containsAll(compose.interpolatedVariables());
        List<String> notPlaceholders = new ArrayList<>();
        example.forEach((name, value) -> {
            if (name.contains("PASSWORD") || name.contains("TOKEN") || name.contains("KEYS")) {
                if (!value.startsWith("change-me")) {
                    notPlaceholders.add(name);
                }
            }
        });
        assertThat(notPlaceholders).as("secrets in .env.example must be placeholders, never a usable value").isEmpty();
    }

    @Test
    void onlyTheLaptopsListenerAndTheShopsPortLeaveTheServer() {
        List<String> published = new ArrayList<>();
        for (String name : SERVICES) {
            for (Object port : (List<?>) compose.service(name).getOrDefault("ports", List.of())) {
                String mapping = String.valueOf(port);
                if (!mapping.startsWith("127.0.0.1:") && !mapping.startsWith("${ONLINE_API_PUBLISH")) {
                    published.add(name + " " + mapping);
                }
            }
        }
        assertThat(published).containsExactly("kafka 9094:9094");
    }

    static Map<String, String> envExample() {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(AppJar.deployFolder().resolve(".env.example"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] kv = line.split("=", 2);
                    env.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }
}
