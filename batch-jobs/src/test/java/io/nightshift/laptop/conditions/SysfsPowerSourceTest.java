package io.nightshift.laptop.conditions;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SysfsPowerSourceTest {

    @TempDir
    Path sys;

    @Test
    @DisplayName("mains online means ac")
    void mainsOnline() throws IOException {
        supply("AC", "Mains", "online", "1");
        supply("BAT0", "Battery", "status", "Discharging");

        assertThat(new SysfsPowerSource(sys).state()).isEqualTo("ac");
    }

    @Test
    @DisplayName("a discharging battery with the charger out means battery")
    void onBattery() throws IOException {
        supply("AC", "Mains", "online", "0");
        supply("BAT0", "Battery", "status", "Discharging");

        assertThat(new SysfsPowerSource(sys).state()).isEqualTo("battery");
    }

    @Test
    @DisplayName("a charging battery means ac even without a mains entry")
    void charging() throws IOException {
        supply("BAT1", "Battery", "status", "Charging");

        assertThat(new SysfsPowerSource(sys).state()).isEqualTo("ac");
    }

    @Test
    @DisplayName("no folder, or no supply in it, is unknown rather than an error")
    void unreadable() {
        assertThat(new SysfsPowerSource(sys.resolve("missing")).state()).isEqualTo("unknown");
        assertThat(new SysfsPowerSource(sys).state()).isEqualTo("unknown");
    }

    @Test
    @DisplayName("the thermometer reports the hottest sensible zone in degrees Celsius")
    void temperature() throws IOException {
        zone("thermal_zone0", "45000");
        zone("thermal_zone1", "71500\n");
        zone("thermal_zone2", "-273000");
        zone("cooling_device0", "99000");

        assertThat(new SysfsThermometer(sys).hottest()).contains(71.5);
        assertThat(new SysfsThermometer(sys.resolve("missing")).hottest()).isEmpty();
    }

    private void supply(String name, String type, String file, String value) throws IOException {
        Path folder = Files.createDirectories(sys.resolve(name));
        Files.writeString(folder.resolve("type"), type + "\n");
        Files.writeString(folder.resolve(file), value + "\n");
    }

    private void zone(String name, String millidegrees) throws IOException {
        Path folder = Files.createDirectories(sys.resolve(name));
        Files.writeString(folder.resolve("temp"), millidegrees);
    }
}
