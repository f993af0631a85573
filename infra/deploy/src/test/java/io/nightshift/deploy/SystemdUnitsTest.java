package io.nightshift.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The units of infra/deploy/systemd/ for a small server without Docker. */
class SystemdUnitsTest {

    static final Path SYSTEMD = AppJar.deployFolder().resolve("systemd");
    static final Map<String, String> APP_UNITS = Map.of(
            "online-api", "nightshift-online-api.service",
            "streams-processor", "nightshift-streams-processor.service");

    @Test
    void everyUnitIsValidForSystemd() {
        List<Path> units = units();
        assertThat(units).extracting(p -> p.getFileName().toString())
                .contains("kafka.service", "nightshift-online-api.service", "nightshift-streams-processor.service");
        for (Path unit : units) {
            UnitFile file = UnitFile.load(unit);
            assertThat(file.sections().keySet()).as(unit.toString()).containsExactly("Unit", "Service", "Install");
            assertThat(file.value("Service", "ExecStart")).as(unit + " ExecStart").startsWith("/");
        }
        // Where systemd is installed (Debian, CI), its own parser has the last word: any warning fails.
        if (ExternalCommand.onPath("systemd-analyze")) {
            List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
            units.forEach(u -> command.add(u.toString()));
            ExternalCommand verify = ExternalCommand.run(SYSTEMD, Map.of(), command);
            List<String> complaints = verify.output().lines()
                    // The server has a Java runtime at /usr/bin/java; a build machine with only a JDK elsewhere need not.
                    .filter(line -> !line.contains("Command /usr/bin/java is not executable"))
                    .filter(line -> !line.isBlank()).toList();
            assertThat(complaints).as("systemd-analyze verify").isEmpty();
        }
    }

    @Test
    void theCloudAppsRestartOnFailureAsTheirOwnHardenedUserWithTheirSettingsInAFile() {
        APP_UNITS.forEach((app, unitName) -> {
            UnitFile unit = UnitFile.load(SYSTEMD.resolve(unitName));
            assertThat(unit.value("Service", "Restart")).as(unitName).isEqualTo("on-failure");
            assertThat(unit.value("Service", "User")).as(unitName).isEqualTo("nightshift");
            assertThat(unit.value("Service", "EnvironmentFile")).as(unitName).isEqualTo("/etc/nightshift/" + app + ".env");
            assertThat(unit.value("Service", "Environment")).as(unitName).isEqualTo("SPRING_PROFILES_ACTIVE=prod");
            assertThat(unit.value("Service", "ExecStart")).as(unitName).endsWith("-jar /opt/nightshift/" + app + ".jar");
            assertThat(unit.sections().get("Service")).as(unitName + " hardening")
                    .containsEntry("NoNewPrivileges", List.of("true"))
                    .containsEntry("ProtectSystem", List.of("strict"))
                    .containsEntry("ProtectHome", List.of("true"))
                    .containsEntry("PrivateTmp", List.of("true"))
                    .containsEntry("StateDirectory", List.of("nightshift/" + app));
        });
    }

    @Test
    void everyVariableInAnAppsEnvironmentFileIsASettingItReads() {
        APP_UNITS.keySet().forEach(app -> {
            SettingsCatalog catalog = SettingsCatalog.of(AppJar.of(app));
            Map<String, String> env = envFile(SYSTEMD.resolve(app + ".env.example"));
            assertThat(env).as(app + ".env.example").isNotEmpty();
            List<String> unread = env.keySet().stream()
                    .filter(v -> catalog.propertyForVariable(v).isEmpty())
                    .toList();
            assertThat(unread).as("variables of %s.env.example that %s reads nowhere", app, app).isEmpty();
        });
    }

    @Test
    void theAppsWriteOnlyBelowTheirStateDirectory() {
        // ProtectSystem=strict makes everything else read-only: a spool or state folder elsewhere would fail at start.
        assertThat(envFile(SYSTEMD.resolve("online-api.env.example")).get("NIGHTSHIFT_SPOOL_DIR"))
                .startsWith("/var/lib/nightshift/online-api/");
        assertThat(envFile(SYSTEMD.resolve("streams-processor.env.example")).get("NIGHTSHIFT_STREAMS_STATE_DIR"))
                .startsWith("/var/lib/nightshift/streams-processor/");
    }

    static List<Path> units() {
        try (Stream<Path> files = Files.list(SYSTEMD)) {
            return files.filter(p -> p.toString().endsWith(".service")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> envFile(Path path) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(path)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] kv = line.split("=", 2);
                    env.put(kv[0].strip(), kv.length > 1 ? kv[1] : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }
}
