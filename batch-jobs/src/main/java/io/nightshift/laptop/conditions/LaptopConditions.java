package io.nightshift.laptop.conditions;

import io.nightshift.laptop.LaptopProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Power and heat as the heartbeat reports them and as heavy work decides whether to wait, read from Linux's sysfs
 * or from Windows' CIM classes.
 * Unknown readings (no sensors, a container, another OS) never defer: a laptop that cannot
 * tell is treated as plugged in and cool, so a missing sysfs never stalls the night shift.
 */
@Component
public class LaptopConditions {

    private static final Duration WINDOWS_READ_INTERVAL = Duration.ofMinutes(1);

    private final PowerSource power;
    private final Thermometer thermometer;
    private final LaptopProperties.Deferral deferral;

    LaptopConditions(LaptopProperties properties) {
        String osName = System.getProperty("os.name", "");
        this.power = powerSource(osName, properties.sensors());
        this.thermometer = thermometer(osName, properties.sensors());
        this.deferral = properties.deferral();
    }

    /** Windows asks PowerShell (at most once a minute); anything else reads Linux's sysfs, or reports unknown. */
    static PowerSource powerSource(String osName, LaptopProperties.Sensors sensors) {
        return isWindows(osName)
                ? new WindowsPowerSource(ProcessQuery.powerShell(WindowsPowerSource.QUERY), WINDOWS_READ_INTERVAL, Clock.systemUTC())
                : new SysfsPowerSource(sensors.powerSupplyDir());
    }

    static Thermometer thermometer(String osName, LaptopProperties.Sensors sensors) {
        return isWindows(osName)
                ? new WindowsThermometer(ProcessQuery.powerShell(WindowsThermometer.QUERY), WINDOWS_READ_INTERVAL, Clock.systemUTC())
                : new SysfsThermometer(sensors.thermalDir());
    }

    private static boolean isWindows(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** {@code ac}, {@code battery} or {@code unknown}. */
    public String power() {
        return power.state();
    }

    public Optional<Double> hottest() {
        return thermometer.hottest();
    }

    /** Why heavy work should wait now, or empty when it may go on. */
    public Optional<String> deferralReason() {
        if (deferral.onBattery() && "battery".equals(power.state())) {
            return Optional.of("on battery: heavy work waits for the charger");
        }
        Optional<Double> hottest = thermometer.hottest();
        if (hottest.isPresent() && hottest.get() > deferral.maxTemperatureC()) {
            return Optional.of(String.format(Locale.ROOT, "too hot: %.1f °C above the %.1f °C limit; heavy work waits to cool down",
                    hottest.get(), deferral.maxTemperatureC()));
        }
        return Optional.empty();
    }
}
