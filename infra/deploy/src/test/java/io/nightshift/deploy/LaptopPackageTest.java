package io.nightshift.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** infra/deploy/laptop/: what the owner unzips on the laptop. */
class LaptopPackageTest {

    static final Path LAPTOP = AppJar.deployFolder().resolve("laptop");

    @Test
    void everySettingInLaptopPropertiesIsOneTheLaptopReads() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(LAPTOP.resolve("laptop.properties"))) {
            properties.load(in);
        }
        SettingsCatalog laptop = SettingsCatalog.of(AppJar.of("batch-jobs"));
        List<String> unread = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (laptop.propertyForKey(key).isEmpty()) {
                unread.add(key);
            }
        }
        assertThat(unread).as("keys of laptop.properties that batch-jobs reads nowhere").isEmpty();
        assertThat(properties).containsEntry("spring.kafka.security.protocol", "SASL_SSL")
                .containsEntry("nightshift.kafka.sasl.username", "laptop");
    }

    @Test
    void theLinuxLauncherStartsTheJarFromItsFolderWithTheSettingsFile(@TempDir Path tmp) throws IOException {
        Path pkg = Files.createDirectories(tmp.resolve("nightshift-laptop"));
        Files.copy(LAPTOP.resolve("nightshift-laptop.sh"), pkg.resolve("nightshift-laptop.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        // A stand-in for java that reports how it was started.
        Path javaHome = Files.createDirectories(tmp.resolve("jdk/bin")).getParent();
        Path java = javaHome.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho \"cwd=$(pwd)\"\necho \"djl=$DJL_OFFLINE\"\nfor a in \"$@\"; do echo \"arg=$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ExternalCommand run = ExternalCommand.run(tmp, Map.of("JAVA_HOME", javaHome.toString(), "NIGHTSHIFT_LAPTOP_HEAP", "6g"),
                List.of("sh", pkg.resolve("nightshift-laptop.sh").toString(), "--debug"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines()).contains("cwd=" + pkg.toRealPath(), "djl=true", "arg=-Xmx6g",
                "arg=-jar", "arg=nightshift-laptop.jar", "arg=--spring.config.additional-location=file:./laptop.properties", "arg=--debug");
    }

    @Test
    void theWindowsLauncherStartsTheSameJarWithTheSameSettingsFile() throws IOException {
        String cmd = Files.readString(LAPTOP.resolve("nightshift-laptop.cmd"));
        assertThat(cmd).contains("cd /d \"%~dp0\"", "set \"DJL_OFFLINE=true\"",
                "-jar nightshift-laptop.jar --spring.config.additional-location=file:./laptop.properties");
        assertThat(cmd).as("Windows line endings").contains("\r\n").doesNotContainPattern("[^\r]\n");
    }

    @Test
    void theWindowsLogonTaskRunsTheLauncherOnBatteryWithoutTimeLimitAndRestartsIt() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document task = factory.newDocumentBuilder().parse(LAPTOP.resolve("nightshift-laptop-task.xml").toFile());
        var xpath = XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("count(/Task/Triggers/LogonTrigger)", task)).isEqualTo("1");
        assertThat(xpath.evaluate("/Task/Actions/Exec/Command", task)).isEqualTo("__NIGHTSHIFT_HOME__\\nightshift-laptop.cmd");
        assertThat(xpath.evaluate("/Task/Settings/DisallowStartIfOnBatteries", task)).isEqualTo("false");
        assertThat(xpath.evaluate("/Task/Settings/StopIfGoingOnBatteries", task)).isEqualTo("false");
        assertThat(xpath.evaluate("/Task/Settings/ExecutionTimeLimit", task)).isEqualTo("PT0S");
        assertThat(xpath.evaluate("/Task/Settings/RestartOnFailure/Count", task)).isEqualTo("999");
        assertThat(Files.readString(LAPTOP.resolve("install-autostart.ps1")))
                .contains("nightshift-laptop-task.xml", "'__NIGHTSHIFT_HOME__', $PSScriptRoot", "Register-ScheduledTask");
    }

    @Test
    void theLinuxUserUnitStartsTheLauncherAtLoginAndRestartsItOnFailure() {
        UnitFile unit = UnitFile.load(LAPTOP.resolve("nightshift-laptop.service"));
        assertThat(unit.value("Service", "ExecStart")).isEqualTo("%h/nightshift-laptop/nightshift-laptop.sh");
        assertThat(unit.value("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.value("Install", "WantedBy")).isEqualTo("default.target");
        if (ExternalCommand.onPath("systemd-analyze")) {
            ExternalCommand verify = ExternalCommand.run(LAPTOP, Map.of(), List.of("systemd-analyze", "verify", "nightshift-laptop.service"));
            // The launcher lives in the owner's home on the laptop, not on this machine.
            assertThat(verify.output().lines().filter(l -> !l.contains("nightshift-laptop.sh is not executable")).toList())
                    .as("systemd-analyze verify").isEmpty();
        }
    }

    @Test
    void thePackageHoldsTheLaunchersAndTheSettings() throws IOException {
        String descriptor = Files.readString(AppJar.deployFolder().resolve("src/assembly/laptop.xml"));
        for (String file : Set.of("nightshift-laptop.sh", "nightshift-laptop.cmd", "laptop.properties",
                "nightshift-laptop.service", "nightshift-laptop-task.xml", "install-autostart.ps1")) {
            assertThat(LAPTOP.resolve(file)).exists();
        }
        assertThat(descriptor).contains("<destName>nightshift-laptop.jar</destName>", "<baseDirectory>nightshift-laptop</baseDirectory>");
    }
}
