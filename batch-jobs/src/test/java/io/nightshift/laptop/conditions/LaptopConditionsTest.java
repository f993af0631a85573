package io.nightshift.laptop.conditions;

import io.nightshift.laptop.LaptopProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LaptopConditionsTest {

    @TempDir
    Path power;
    @TempDir
    Path thermal;

    @Test
    @DisplayName("too hot defers with the reading and the limit; cooling down clears it")
    void heat() throws IOException {
        zone("thermal_zone0", "45000");
        zone("thermal_zone1", "91500");
        LaptopConditions conditions = new LaptopConditions(properties(true, 85));

        assertThat(conditions.deferralReason()).hasValueSatisfying(reason -> assertThat(reason).contains("too hot", "91.5", "85.0"));
        zone("thermal_zone1", "70000");
        assertThat(conditions.deferralReason()).isEmpty();
    }

    @Test
    @DisplayName("battery defers only when configured; unknown sensors never defer")
    void battery() throws IOException {
        Path bat = Files.createDirectories(power.resolve("BAT0"));
        Files.writeString(bat.resolve("type"), "Battery\n");
        Files.writeString(bat.resolve("status"), "Discharging\n");

        assertThat(new LaptopConditions(properties(true, 85)).deferralReason()).hasValueSatisfying(r -> assertThat(r).contains("battery"));
        assertThat(new LaptopConditions(properties(false, 85)).deferralReason()).isEmpty();
        Files.delete(bat.resolve("status"));
        Files.delete(bat.resolve("type"));
        Files.delete(bat);
        assertThat(new LaptopConditions(properties(true, 85)).deferralReason()).isEmpty();
    }

    private void zone(String name, String millidegrees) throws IOException {
        Path zone = Files.createDirectories(thermal.resolve(name));
        Files.writeString(zone.resolve("temp"), millidegrees + "\n");
    }

    private LaptopProperties properties(boolean onBattery, double maxTemperature) {
        return new LaptopProperties("l1", Path.of("."), Duration.ofSeconds(5), "p", Duration.ofHours(6), Duration.ofSeconds(15), "dev",
                new LaptopProperties.Sensors(power, thermal),
                new LaptopProperties.Model(50, 20, 10, 200, 200, true),
                new LaptopProperties.Selection(List.of("itemknn"), 20_000, List.of(8.0), 42, 10, Duration.ofMinutes(10), 0, 1, 5000),
                new LaptopProperties.Factors(true, 64, 10, Duration.ofMinutes(30), 0.05, 0.0001, 3, 100_000),
                new LaptopProperties.Memory(null, null, 0.25),
                new LaptopProperties.Deferral(onBattery, maxTemperature, Duration.ofSeconds(1)));
    }
}
