package io.nightshift.laptop.conditions;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The hottest ACPI thermal zone Windows reports ({@code MSAcpi_ThermalZoneTemperature.CurrentTemperature}, in
 * tenths of a kelvin). Many laptops expose no zone, or only to an administrator: then it is absent (unknown), as on
 * Linux without sysfs. GPU temperatures are not in this class; the vendor tools are not asked.
 */
class WindowsThermometer implements Thermometer {

    static final String QUERY = "Get-CimInstance -Namespace root/wmi -ClassName MSAcpi_ThermalZoneTemperature"
            + " | ForEach-Object { $_.CurrentTemperature }";

    private final Throttled<Optional<Double>> hottest;

    WindowsThermometer(ProcessQuery query, Duration interval, Clock clock) {
        this.hottest = new Throttled<>(() -> query.run().flatMap(WindowsThermometer::parse), interval, clock);
    }

    @Override
    public Optional<Double> hottest() {
        return hottest.get();
    }

    static Optional<Double> parse(String output) {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(WindowsThermometer::celsius)
                .flatMap(Optional::stream)
                .max(Double::compare);
    }

    private static Optional<Double> celsius(String tenthsOfKelvin) {
        try {
            double celsius = Long.parseLong(tenthsOfKelvin) / 10.0 - 273.15;
            // Firmware reports placeholders (0, 2732 = 0 °C) for zones without a sensor; a running laptop is never that cold.
            return celsius >= 1 && celsius < 150 ? Optional.of(Math.round(celsius * 10) / 10.0) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
