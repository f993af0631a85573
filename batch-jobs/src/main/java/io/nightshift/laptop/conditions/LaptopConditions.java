package io.nightshift.laptop.conditions;

import io.nightshift.laptop.LaptopProperties;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/**
 * Power and heat as the heartbeat reports them and as heavy work decides whether to wait.
 * Unknown readings (no sensors, a container, another OS) never defer: a laptop that cannot
 * tell is treated as plugged in and cool, so a missing sysfs never stalls the night shift.
 */
@Component
public class LaptopConditions {

    private final PowerSource power;
    private final Thermometer thermometer;
    private final LaptopProperties.Deferral deferral;

    LaptopConditions(LaptopProperties properties) {
        this.power = new SysfsPowerSource(properties.sensors().powerSupplyDir());
        this.thermometer = new SysfsThermometer(properties.sensors().thermalDir());
        this.deferral = properties.deferral();
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
