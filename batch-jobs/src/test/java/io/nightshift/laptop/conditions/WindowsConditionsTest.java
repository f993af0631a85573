package io.nightshift.laptop.conditions;

import io.nightshift.laptop.LaptopProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Windows' battery and temperature readers. PowerShell itself exists only on Windows, so the parsers are fed what
 * it prints, and the process plumbing runs real processes of this machine's shell in its place.
 */
class WindowsConditionsTest {

    static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    @DisplayName("Win32_Battery status: discharging, low and critical are battery; AC, full and charging are ac")
    void batteryStatus() {
        assertThat(WindowsPowerSource.parse("1\r\n")).isEqualTo("battery");
        assertThat(WindowsPowerSource.parse("4")).isEqualTo("battery");
        assertThat(WindowsPowerSource.parse("5")).isEqualTo("battery");
        assertThat(WindowsPowerSource.parse("2\r\n")).isEqualTo("ac");
        assertThat(WindowsPowerSource.parse("3")).isEqualTo("ac");
        assertThat(WindowsPowerSource.parse("6")).isEqualTo("ac");
        assertThat(WindowsPowerSource.parse("1\r\n7\r\n")).as("a second battery charging: the charger is in").isEqualTo("ac");
    }

    @Test
    @DisplayName("no battery, an undefined status or garbage is unknown, never a guess")
    void unknownBattery() {
        assertThat(WindowsPowerSource.parse("")).isEqualTo("unknown");
        assertThat(WindowsPowerSource.parse("10")).isEqualTo("unknown");
        assertThat(WindowsPowerSource.parse("Get-CimInstance : Access denied")).isEqualTo("unknown");
    }

    @Test
    @DisplayName("thermal zones in tenths of a kelvin: the hottest plausible one in °C")
    void thermalZones() {
        assertThat(WindowsThermometer.parse("3132\r\n3282\r\n")).contains(55.1);
        assertThat(WindowsThermometer.parse("2732\r\n0\r\n")).as("placeholders of zones without a sensor").isEmpty();
        assertThat(WindowsThermometer.parse("")).isEmpty();
        assertThat(WindowsThermometer.parse("n/a")).isEmpty();
    }

    @Test
    @DisplayName("a query's output comes from a real process; a missing program, a failure or a hang is no answer")
    void processQuery() {
        assertThat(new ProcessQuery(List.of("sh", "-c", "printf '1\\r\\n'"), Duration.ofSeconds(10)).run()).contains("1\r\n");
        assertThat(new ProcessQuery(List.of("no-such-program-nightshift"), Duration.ofSeconds(10)).run()).isEmpty();
        assertThat(new ProcessQuery(List.of("sh", "-c", "echo 2; exit 3"), Duration.ofSeconds(10)).run()).isEmpty();
        assertThat(new ProcessQuery(List.of("sleep", "30"), Duration.ofMillis(300)).run()).isEmpty();
    }

    @Test
    @DisplayName("the readers report what the process printed, and unknown where PowerShell is absent")
    void readersThroughAProcess() {
        Clock clock = Clock.systemUTC();
        assertThat(new WindowsPowerSource(new ProcessQuery(List.of("sh", "-c", "echo 1"), Duration.ofSeconds(10)), MINUTE, clock).state())
                .isEqualTo("battery");
        assertThat(new WindowsThermometer(new ProcessQuery(List.of("sh", "-c", "echo 3332"), Duration.ofSeconds(10)), MINUTE, clock).hottest())
                .contains(60.1);
        assertThat(new WindowsPowerSource(ProcessQuery.powerShell(WindowsPowerSource.QUERY), MINUTE, clock).state())
                .as("no powershell.exe on this machine").isEqualTo("unknown");
    }

    @Test
    @DisplayName("a reading is taken at most once per interval")
    void throttled() {
        AtomicInteger reads = new AtomicInteger();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T20:00:00Z"));
        Throttled<Integer> reading = new Throttled<>(reads::incrementAndGet, MINUTE, clock);

        assertThat(reading.get()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(59);
        assertThat(reading.get()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(1);
        assertThat(reading.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("Windows gets the CIM readers, Linux and anything else the sysfs ones")
    void readerByOperatingSystem() {
        LaptopProperties.Sensors sensors = new LaptopProperties.Sensors(Path.of("/sys/class/power_supply"), Path.of("/sys/class/thermal"));
        assertThat(LaptopConditions.powerSource("Windows 11", sensors)).isInstanceOf(WindowsPowerSource.class);
        assertThat(LaptopConditions.thermometer("Windows 10", sensors)).isInstanceOf(WindowsThermometer.class);
        assertThat(LaptopConditions.powerSource("Linux", sensors)).isInstanceOf(SysfsPowerSource.class);
        assertThat(LaptopConditions.thermometer("Mac OS X", sensors)).isInstanceOf(SysfsThermometer.class);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
